import type { Locale } from '../types';

/** How each kind of object is named in messages, in the console's own terms. */
const KINDS: Record<string, Record<Locale, string>> = {
  vpc: { en: 'VPC', 'zh-cn': '虚拟私有云' },
  subnet: { en: 'subnet', 'zh-cn': '子网' },
  network_acl: { en: 'network ACL', 'zh-cn': '网络ACL' },
  security_group: { en: 'security group', 'zh-cn': '安全组' },
  server: { en: 'server', 'zh-cn': '后端服务器' },
  certificate: { en: 'certificate', 'zh-cn': '证书' },
  ip_group: { en: 'IP group', 'zh-cn': 'IP地址组' },
  pool: { en: 'backend server group', 'zh-cn': '后端服务器组' },
  listener: { en: 'listener', 'zh-cn': '监听器' },
  loadbalancer: { en: 'load balancer', 'zh-cn': '负载均衡器' },
  l7policy: { en: 'forwarding policy', 'zh-cn': '转发策略' },
  member: { en: 'backend server', 'zh-cn': '后端服务器' },
};

export function kindName(kind: string, locale: Locale): string {
  return KINDS[kind]?.[locale] ?? kind;
}

/** The load balancer type as the console names it. */
export function lbTypeName(type: 'shared' | 'dedicated', locale: Locale): string {
  if (locale === 'zh-cn') return type === 'shared' ? '共享型' : '独享型';
  return type;
}
