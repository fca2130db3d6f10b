// Arrow schema of an operator's output attributes.
import * as arrow from 'apache-arrow';
import type { AttributeReference } from '../expr/expression.js';
import { toArrowType } from '../types/data-type.js';

export function schemaOf(output: readonly AttributeReference[]): arrow.Schema {
  return new arrow.Schema(output.map((a) => new arrow.Field(a.name, toArrowType(a.dataType), a.nullable)));
}
