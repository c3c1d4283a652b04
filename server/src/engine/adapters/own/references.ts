/**
 * Keys of our format whose value names another object, and the kind of that object. Used by
 * completion (offer the defined names) and hovers; the adapter resolves the same keys.
 */
export const REFERENCE_KEYS: Readonly<Record<string, { kind: string; list?: boolean }>> = {
  server: { kind: 'server' },
  subnet: { kind: 'subnet' },
  security_groups: { kind: 'security_group', list: true },
  remote_group: { kind: 'security_group' },
  default_pool: { kind: 'pool' },
  redirect_pool: { kind: 'pool' },
  default_tls_container: { kind: 'certificate' },
  client_ca_tls_container: { kind: 'certificate' },
  sni_containers: { kind: 'certificate', list: true },
  ip_group: { kind: 'ip_group' },
  vpc: { kind: 'vpc' },
  peer_vpc: { kind: 'vpc' },
  vip_subnet: { kind: 'subnet' },
  ipv6_vip_subnet: { kind: 'subnet' },
  backend_subnets: { kind: 'subnet', list: true },
  network_acl: { kind: 'network_acl' },
};
