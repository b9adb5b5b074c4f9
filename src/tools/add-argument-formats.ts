// Registers the argument formats (argument-formats.ts) on an Ajv, with ajv-formats' checks: only the
// modules that build a validator import this, so loading a pipeline does not load ajv.

import type { Ajv } from 'ajv';
import { loadAjvFormats } from '../source/load-ajv.ts';
import { ARGUMENT_FORMATS } from './argument-formats.ts';

/** Registers the standard formats on `ajv` (ajv-formats' full checks: a date's day exists in its month). */
export function addArgumentFormats(ajv: Ajv): Ajv {
  loadAjvFormats().default(ajv, Object.keys(ARGUMENT_FORMATS) as never);
  return ajv;
}
