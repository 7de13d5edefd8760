/**
 * Vocabulary of the data generator: genres with their shelves and title words, so that
 * titles, series names and shelves of a book carry its genre (signal for content models).
 *
 * @module
 */

/** One genre: its main shelf (first of `shelves`), related shelves, title adjectives and nouns. */
export interface Genre {
  /** Shelf names, main shelf first. */
  shelves: readonly string[];
  /** Genre-flavoured adjectives for titles. */
  adj: readonly string[];
  /** Genre-flavoured nouns for titles. */
  noun: readonly string[];
  /** Relative size of the genre (share of authors). */
  size: number;
}

const g = (size: number, shelves: string, adj: string, noun: string): Genre => ({
  size,
  shelves: shelves.split(" "),
  adj: adj.split(" "),
  noun: noun.split(" "),
});

/**
 * The genres, largest first.
 *
 * @example
 * ```ts
 * import { GENRES } from "./_words.ts";
 * if (GENRES[0].shelves[0] !== "fantasy") throw new Error("first genre");
 * ```
 */
export const GENRES: readonly Genre[] = [
  g(
    10,
    "fantasy magic epic-fantasy dragons high-fantasy",
    "Enchanted Crimson Forgotten Shattered Eternal Frost Ember Fallen",
    "Dragon Crown Sword Throne Kingdom Sorceress Realm Prophecy Mage Blade Heir Spell",
  ),
  g(
    9,
    "young-adult ya teen coming-of-age high-school",
    "Teenage Restless Brave Electric Reckless Invisible Unbroken",
    "Girl Boy Academy Prom Rebel School Friends Summer Locker Secret",
  ),
  g(
    8,
    "romance contemporary-romance love chick-lit romantic-comedy",
    "Sweet Perfect Wicked Tender Beautiful Irresistible Charming",
    "Kiss Heart Wedding Bride Duke Promise Affair Billionaire Desire Darling",
  ),
  g(
    7,
    "mystery crime detective whodunit cozy-mystery",
    "Silent Deadly Missing Cold Final Quiet Poisoned",
    "Murder Detective Clue Alibi Case Witness Corpse Inspector Suspect Vicarage",
  ),
  g(
    6,
    "thriller suspense psychological-thriller espionage action",
    "Lethal Rogue Covert Fatal Dark Burning Hidden",
    "Agent Conspiracy Target Protocol Hostage Spy Killer Mission Sniper",
  ),
  g(
    6,
    "science-fiction sci-fi space-opera dystopia cyberpunk",
    "Quantum Stellar Distant Synthetic Orbital Infinite Neon",
    "Star Galaxy Android Colony Signal Machine Planet Starship Nebula Cyborg",
  ),
  g(
    5,
    "historical-fiction historical ww2 tudors war",
    "Royal Victorian Imperial Ancient Medieval Gilded",
    "Queen War Soldier Empire Tudor Nurse Letters Harbor Duchess Regiment",
  ),
  g(
    4,
    "horror ghosts supernatural creepy paranormal",
    "Haunted Hollow Bleeding Wretched Grim Cursed",
    "Ghost House Grave Demon Curse Nightmare Ritual Crypt Witch Vampire",
  ),
  g(
    4,
    "non-fiction science history economics popular-science",
    "Human Modern Global Unexpected Hidden Surprising",
    "Brain History Economy Science Evolution Nations Data Mind Universe Genes",
  ),
  g(
    3,
    "biography memoir autobiography politics biography-memoir",
    "Remarkable Unlikely True Extraordinary Honest",
    "Life Memoir Journey Story President Childhood Years Testament",
  ),
  g(
    3,
    "classics literature literary-fiction 19th-century novels",
    "Grand Tragic Noble Old Idle Tender",
    "Man Sea Farewell Gentleman Estate Tale Madame Brothers",
  ),
  g(
    3,
    "self-help psychology productivity business personal-development",
    "Powerful Simple Effective Mindful Lean Essential",
    "Habits Success Leadership Happiness Power Rules Mindset Focus",
  ),
  g(
    2,
    "graphic-novels comics manga superheroes graphic-novel",
    "Amazing Uncanny Mighty Cosmic Savage Ultimate",
    "Hero Villain Legion Avengers Vol Mutants Watchmen",
  ),
  g(
    2,
    "childrens picture-books kids animals middle-grade",
    "Little Hungry Sleepy Curious Giant Magic",
    "Bear Bunny Caterpillar Tree Puppy Dinosaur Pirate Kitten",
  ),
  g(
    1,
    "poetry poems verse poetry-collection spoken-word",
    "Luminous Blue Wild Salt Milk",
    "Poems Songs River Moon Verses Sonnets Honey",
  ),
];

/**
 * Shelves every book may carry, whatever its genre (Goodreads' `popular_shelves` always
 * include `to-read` first).
 *
 * @example
 * ```ts
 * import { COMMON_SHELVES } from "./_words.ts";
 * if (COMMON_SHELVES[0] !== "to-read") throw new Error("to-read first");
 * ```
 */
export const COMMON_SHELVES: readonly string[] = [
  "to-read",
  "currently-reading",
  "favorites",
  "owned",
  "books-i-own",
  "kindle",
  "library",
  "fiction",
  "ebook",
  "default",
];

/**
 * Series suffixes ("The Ember Chronicles").
 *
 * @example
 * ```ts
 * import { SERIES_SUFFIX } from "./_words.ts";
 * if (!SERIES_SUFFIX.includes("Chronicles")) throw new Error("suffix");
 * ```
 */
export const SERIES_SUFFIX: readonly string[] = [
  "Chronicles",
  "Saga",
  "Trilogy",
  "Cycle",
  "Series",
  "Quartet",
  "Files",
  "Diaries",
  "Legacy",
];

/**
 * Description phrases shared by all genres.
 *
 * @example
 * ```ts
 * import { BLURBS } from "./_words.ts";
 * if (BLURBS.length < 3) throw new Error("blurbs");
 * ```
 */
export const BLURBS: readonly string[] = [
  "A gripping story that readers will not forget.",
  "Now a major motion picture.",
  "From the bestselling author comes a new novel.",
  "Perfect for fans of the genre.",
  "An unforgettable debut.",
  "The long-awaited follow-up.",
];

/**
 * Language codes with their weights (mostly English editions).
 *
 * @example
 * ```ts
 * import { LANGUAGES } from "./_words.ts";
 * if (LANGUAGES.codes[0] !== "eng") throw new Error("eng first");
 * ```
 */
export const LANGUAGES = {
  codes: ["eng", "en-US", "en-GB", "spa", "fre", ""],
  weights: [80, 7, 5, 3, 1, 4],
} as const;
