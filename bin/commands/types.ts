/** A command group takes its arguments (after the group name) and resolves with the exit code. */
export type CommandGroup = (argv: string[]) => Promise<number>;

/** Exit codes shared by every command: 0 done, 2 timed out waiting, 3 device or protocol error, 64 usage. */
export const exitCodes = { ok: 0, failure: 1, timeout: 2, device: 3, usage: 64 } as const;

/** Exit codes of `kioskctl bundle` and `kioskctl update` (issue 12): 3 verification failed, 4 refused by policy, 5 I/O. */
export const updateExitCodes = { ok: 0, verification: 3, policy: 4, io: 5 } as const;
