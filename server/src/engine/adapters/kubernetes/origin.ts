import type { Origin } from '../../model/types';
import type { SourceText } from '../../text/source';
import type { Span, TextEdit } from '../../types';

/** Where one model field is written in a manifest, and how to change it there. */
export interface FieldBinding {
  /** The value as written: an annotation's text, a member inside its JSON, a `spec.ports` value. */
  valueSpan?: Span;
  /** The key: the annotation's name, the JSON member's name. */
  keySpan?: Span;
  set?(value: unknown): TextEdit[] | undefined;
  remove?(): TextEdit[] | undefined;
}

/**
 * Origin of a model object read from a Kubernetes object: its fields are spread over annotations
 * (some holding JSON), `spec.ports` entries and Ingress rules. Each field is bound to where it is
 * written; a field that is not written may still be settable (the binding then only has `set`,
 * which adds the annotation).
 */
export class K8sOrigin implements Origin {
  private readonly bindings = new Map<string, FieldBinding>();

  constructor(
    readonly source: SourceText,
    readonly span: Span,
    readonly nameSpan: Span,
  ) {}

  bind(path: string, b: FieldBinding): this {
    this.bindings.set(path, b);
    return this;
  }

  binding(path: string): FieldBinding | undefined {
    return this.bindings.get(path);
  }

  /** The binding of a path, or of its nearest written parent (`session_persistence.type` → `session_persistence`). */
  private nearest(path: string): FieldBinding | undefined {
    let p = path;
    for (;;) {
      const b = this.bindings.get(p);
      if (b && (b.valueSpan || b.keySpan)) return b;
      const dot = p.lastIndexOf('.');
      if (dot < 0) return undefined;
      p = p.slice(0, dot);
    }
  }

  valueSpan(path: string): Span | undefined {
    const b = this.bindings.get(path);
    if (b?.valueSpan) return b.valueSpan;
    return b?.keySpan ? undefined : this.nearest(path)?.valueSpan;
  }

  keySpan(path: string): Span | undefined {
    const b = this.bindings.get(path);
    if (b?.keySpan) return b.keySpan;
    return b?.valueSpan ? undefined : this.nearest(path)?.keySpan;
  }

  setField(path: string, value: unknown): TextEdit[] | undefined {
    return this.bindings.get(path)?.set?.(value);
  }

  removeField(path: string): TextEdit[] | undefined {
    return this.bindings.get(path)?.remove?.();
  }

  appendToList(): TextEdit[] | undefined {
    return undefined;
  }

  removeSelf(): TextEdit[] | undefined {
    return undefined;
  }
}
