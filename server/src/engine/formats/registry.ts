/**
 * The readers of every input format, most specific first: the first reader that accepts a file
 * reads it. Our own YAML is the fallback (any file the user names as a configuration).
 */
import type { SourceFormat } from '../types';
import { apiJsonReader } from '../adapters/api/reader';
import { kubernetesReader } from '../adapters/kubernetes/reader';
import { ownJsonReader, ownYamlReader } from './own';
import { terraformReader } from '../adapters/terraform/reader';
import { terraformPlanReader } from '../adapters/terraform/plan';
import type { FormatReader } from './types';

export const readers: FormatReader[] = [
  // Format readers are added here, most specific first.
  terraformReader,
  terraformPlanReader,
  apiJsonReader,
  kubernetesReader,
  ownJsonReader,
  ownYamlReader,
];

/** The reader of a file: the forced format's, else the first that accepts it. */
export function readerFor(path: string, text: string, format?: SourceFormat): FormatReader {
  if (format) {
    const r = readers.find((x) => x.format === format);
    if (r) return r;
  }
  for (const r of readers) if (r.accepts(path, text)) return r;
  return ownYamlReader;
}

/** The reader of a format other than our own that claims a file by its path and content, if any. */
export function claimedBy(path: string, text: string): FormatReader | undefined {
  for (const r of readers) if (r !== ownJsonReader && r !== ownYamlReader && r.accepts(path, text)) return r;
  return undefined;
}

/** Whether a path could hold a format another reader claims (worth reading to sniff). */
export function mayBeClaimed(path: string): boolean {
  return readers.length > 2 && /\.(tf|json|ya?ml)$/i.test(path);
}

/** The format a file would be read as. */
export function formatOf(path: string, text: string): SourceFormat {
  return readerFor(path, text).format;
}
