/** A logger as listed (LogLevels.Logger): its own level, the level in force, and any change made at runtime. */
export interface Logger {
  name: string;
  /** Set on this logger itself; null when it inherits from its parent. */
  configured_level: string | null;
  effective_level: string;
  /** Configured when the server started: what a reset returns to. */
  startup_level: string | null;
  change: { by_admin_id: number; at: string } | null;
}

export const logLevelKeys = {
  all: ['log-levels'] as const,
};
