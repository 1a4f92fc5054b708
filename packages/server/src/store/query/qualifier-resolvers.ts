import { customFieldQualifier } from '../custom-field-qualifier.ts';
import { relationsQualifier } from '../relations-qualifier.ts';
import { slaQualifier } from '../sla-qualifier.ts';
import type { QualifierResolver } from './qualifier-resolver.ts';

/**
 * Resolvers for qualifiers outside the built-in set, asked in order. Areas that add queryable
 * things (custom fields, milestones) append theirs here.
 */
export const QUALIFIER_RESOLVERS: QualifierResolver[] = [
  customFieldQualifier,
  relationsQualifier,
  slaQualifier,
];
