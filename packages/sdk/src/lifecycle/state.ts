/**
 * What mcc created for a project, kept in `.mcc/state.json` so that an interrupted verb resumes, a
 * second deploy updates in place, and destroy removes only what mcc made. Each target owns the
 * shape of its own section; core only reads, writes (atomically) and locks the file.
 */
export interface ProjectState {
  /** Schema of the file, for later migrations. */
  schema: 1;
  /** Per target id: that target's own record. */
  targets: Record<string, unknown>;
  /** The image the last `mcc push` or `mcc submit` produced. */
  image?: { uri: string; pushedAt: string; by: 'push' | 'submit' };
}

/** Read and write access to `.mcc/state.json`, held under the project's lock for the verb's run. */
export interface StateStore {
  read(): ProjectState;
  /** Writes the whole state atomically (a crash leaves the old file or the new one, never half). */
  write(state: ProjectState): void;
}
