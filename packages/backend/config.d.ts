export interface Config {
  /** The demo backend's permission policy (packages/backend/src/permissionPolicy.ts). */
  permissionPolicy?: {
    /** Allow every permission to every user. Demo only (app-config.demo.yaml); never in production. */
    allowAll?: boolean;
    /**
     * Group entity refs (e.g. `group:default/platform-team`) whose members may
     * read survey comments, erase survey answers and create, update or
     * delete anything. Every other signed-in user may only read.
     */
    adminGroups?: string[];
  };
}
