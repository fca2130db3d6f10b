// The string functions beyond the first few (upper, length, substring, …): one list for the registry.
import { CHARSET_FUNCTIONS } from './charsets.js';
import { DIGESTS } from './digests.js';
import { formatNumber } from './format-number.js';
import type { ScalarFunctionDef } from './function-def.js';
import { ilike } from './like.js';
import { REGEXP_FUNCTIONS } from './regexp.js';
import { STRING_DISTANCE } from './string-distance.js';
import { STRING_MISC } from './string-misc.js';
import { STRING_PAD } from './string-pad.js';
import { STRING_SEARCH } from './string-search.js';

export const STRING_FUNCTIONS: readonly ScalarFunctionDef[] = [...STRING_PAD, ...STRING_SEARCH, ...STRING_MISC, ...STRING_DISTANCE, ...REGEXP_FUNCTIONS, ilike, ...DIGESTS, ...CHARSET_FUNCTIONS, formatNumber];
