import type { ColumnDefinitionBuilder, CreateTableBuilder, RawBuilder } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { dialectOf } from '../dialect/store-dialect.ts';

/** An auto-numbered primary key, spelled as the dialect spells it (store/dialect/store-dialect.ts). */
export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: DialectName,
): CreateTableBuilder<T, 'id'> {
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => dialectOf(dialect).idColumn(c));
}

/** The column type of raw bytes (blob | bytea). */
export function bytesType(dialect: DialectName): RawBuilder<unknown> {
  return dialectOf(dialect).bytesType;
}
