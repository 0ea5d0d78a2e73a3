import "server-only";
import { z } from "zod";
import { db } from "./db";

const mappingSchema = z.record(z.string(), z.string());

export interface ColumnMappingDto {
  name: string;
  mapping: Record<string, string>;
  updatedAt: string;
}

export async function listColumnMappings(): Promise<ColumnMappingDto[]> {
  const rows = await db().columnMapping.findMany({ orderBy: { name: "asc" } });
  return rows.map((row) => ({ name: row.name, mapping: mappingSchema.catch({}).parse(JSON.parse(row.mappingJson)), updatedAt: row.updatedAt.toISOString() }));
}

export async function getColumnMapping(name: string): Promise<Record<string, string> | null> {
  const row = await db().columnMapping.findUnique({ where: { name } });
  return row ? mappingSchema.catch({}).parse(JSON.parse(row.mappingJson)) : null;
}

export async function saveColumnMapping(name: string, mapping: Record<string, string>): Promise<void> {
  const mappingJson = JSON.stringify(mapping);
  await db().columnMapping.upsert({ where: { name }, create: { name, mappingJson }, update: { mappingJson } });
}
