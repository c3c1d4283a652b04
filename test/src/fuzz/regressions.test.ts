import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FORMATS, formatByName } from './formats';
import { checkInput } from './properties';
import { loadRegressions } from './run';

/** Every input the fuzzer ever broke the engine with, replayed against all properties. */
describe('fuzz regressions (test/fuzz-regressions/)', () => {
  before(async () => {
    for (const f of FORMATS) await f.init?.();
  });
  for (const { file, reg } of loadRegressions()) {
    const format = formatByName(reg.format);
    test(`${reg.format}/${path.basename(file)}: ${reg.problems[0]?.slice(0, 100) ?? ''}`, { skip: format ? false : `format ${reg.format} not registered` }, () => {
      const r = checkInput(format!, { text: reg.text, bytes: reg.bytes ? Buffer.from(reg.bytes, 'base64') : undefined });
      assert.deepEqual(r.problems, []);
    });
  }
});
