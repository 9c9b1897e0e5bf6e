import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

/** Keeps the literal schema types of a method table while checking its shape. */
export const defineMethods = <T extends Record<string, MethodSpec>>(methods: T): T => methods;
export const defineEvents = <T extends Record<string, z.ZodType>>(events: T): T => events;
