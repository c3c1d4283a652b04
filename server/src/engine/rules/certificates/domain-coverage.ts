import type { Certificate, Listener } from '../../model/types';
import { analyseCertificate, certHostNames } from './pem';

/**
 * Which certificate ELB presents for a host name, and whether a client accepts it: ELB picks an SNI
 * certificate by the names it was uploaded for (`sni_match_algo`, FAQ 8.1 table 8-1); the client
 * then checks the host against the certificate's own names, where a wildcard covers exactly one
 * label (FAQ 6.8).
 */

export function normaliseHost(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Names from a comma-separated `domain`. */
export function domainNames(domain: string | undefined): string[] {
  if (!domain) return [];
  return domain.split(',').map(normaliseHost).filter((d) => d !== '');
}

export interface CoveringNames {
  names: string[];
  /** `pem`: the SANs (else CN) of the PEM; `domain`: the certificate's `domain`. */
  from: 'pem' | 'domain';
}

/** The names a client checks: from the PEM when it decodes, else the declared `domain`. */
export function coveringNames(cert: Certificate): CoveringNames | undefined {
  if (cert.certificate !== undefined) {
    const a = analyseCertificate(cert.certificate);
    const leaf = a.certs?.[0];
    if (leaf) return { names: certHostNames(leaf), from: 'pem' };
  }
  const d = domainNames(cert.domain);
  return d.length ? { names: d, from: 'domain' } : undefined;
}

/** The names ELB selects an SNI certificate by: its `domain`, else the names in its PEM. */
function selectionNames(cert: Certificate): string[] | undefined {
  const d = domainNames(cert.domain);
  if (d.length) return d;
  return coveringNames(cert)?.names;
}

/** Client rule: exact name, or `*.rest` for exactly one more label. A wildcard host needs the same wildcard. */
export function covers(certName: string, host: string): boolean {
  if (certName === host) return true;
  if (!certName.startsWith('*.') || host.startsWith('*.')) return false;
  const rest = certName.slice(2);
  if (!host.endsWith('.' + rest)) return false;
  const label = host.slice(0, host.length - rest.length - 1);
  return label !== '' && !label.includes('.');
}

/** A wildcard name that would match the host at another level (`*.example.com` for `a.b.example.com`). */
export function levelMismatch(certNames: string[], host: string): string | undefined {
  return certNames.find((n) => n.startsWith('*.') && host.endsWith('.' + n.slice(2)) && !covers(n, host));
}

/** How ELB picks among SNI certificates: shared load balancers always use the longest suffix (FAQ 8.1). */
export function sniAlgorithm(l: Listener): 'wildcard' | 'longest_suffix' {
  if (l.lb.type === 'shared') return 'longest_suffix';
  return l.sni_match_algo === 'longest_suffix' ? 'longest_suffix' : 'wildcard';
}

export type Presented = { cert: Certificate; via: 'sni' | 'default' } | undefined;

/**
 * The certificate ELB presents for `host` on listener `l`, or `undefined` when the input does not
 * tell (an SNI certificate whose names are unknown might be the one picked).
 */
export function presentedFor(l: Listener, host: string): Presented {
  const sni = (l.sni_containers ?? []).map((r) => r.target);
  if (sni.some((c) => c === undefined)) return undefined;
  const certs = sni as Certificate[];
  let unknown = false;
  const named: { cert: Certificate; names: string[] }[] = [];
  for (const c of certs) {
    const names = selectionNames(c);
    if (!names) unknown = true;
    else named.push({ cert: c, names });
  }
  const exact = named.find((x) => x.names.includes(host));
  if (exact) return { cert: exact.cert, via: 'sni' };
  if (unknown) return undefined;
  if (sniAlgorithm(l) === 'wildcard') {
    const w = named.find((x) => x.names.some((n) => covers(n, host)));
    if (w) return { cert: w.cert, via: 'sni' };
  } else {
    let best: { cert: Certificate; len: number } | undefined;
    for (const x of named) {
      for (const n of x.names) {
        if (!n.startsWith('*.')) continue;
        const rest = n.slice(2);
        if (host.endsWith('.' + rest) && host.length > rest.length + 1 && (!best || rest.length > best.len)) best = { cert: x.cert, len: rest.length };
      }
    }
    if (best) return { cert: best.cert, via: 'sni' };
  }
  const def = l.default_tls_container?.target;
  return def ? { cert: def, via: 'default' } : undefined;
}
