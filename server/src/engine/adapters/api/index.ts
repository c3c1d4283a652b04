export { apiJsonReader } from './reader';
export { sniffEnvelope, apiJsonPath, ENVELOPES } from './envelopes';
