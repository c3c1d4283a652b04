import type { Span, TextEdit } from '../types';
import type { SourceText } from '../text/source';
import type { Origin } from './types';

/**
 * An origin that can point at its text but never edit it (plan JSON, a stand-in for an object
 * the input refers to without describing): every edit intent answers "not expressible here".
 */
export abstract class ReadOnlyOrigin implements Origin {
  abstract readonly source: SourceText;
  abstract readonly span: Span;
  abstract readonly nameSpan: Span;
  abstract valueSpan(path: string): Span | undefined;
  abstract keySpan(path: string): Span | undefined;

  setField(): TextEdit[] | undefined {
    return undefined;
  }

  removeField(): TextEdit[] | undefined {
    return undefined;
  }

  appendToList(): TextEdit[] | undefined {
    return undefined;
  }

  removeSelf(): TextEdit[] | undefined {
    return undefined;
  }
}
