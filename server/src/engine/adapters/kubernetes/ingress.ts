import type { ValueChecker } from './values';
import type { K8sObject, ReadState } from './reader';

export function readIngress(state: ReadState, checker: ValueChecker, obj: K8sObject): void {
  void state;
  void checker;
  void obj;
}
