/**
 * The one base class of the Parquet reader's errors: whatever it cannot
 * decode (a corrupt or unexpected file, or a layout it does not support)
 * is a {@linkcode ParquetDecodeError}, so that a caller can read such a file
 * another way.
 *
 * @module
 */

/** A file or chunk the reader cannot decode. */
export class ParquetDecodeError extends Error {
  override name = "ParquetDecodeError";
}

/** Names of the error classes of this reader (a worker's error arrives as text). */
export const DECODE_ERROR_NAMES = [
  "ParquetDecodeError",
  "UnsupportedParquet",
  "ParquetFormatError",
  "ThriftError",
  "SnappyError",
  "EncodingError",
] as const;
