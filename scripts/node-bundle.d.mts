export declare const CSV_WORKER_ENTRY: string
export declare function buildForNode(root: string, outDir: string, entries: Record<string, string>): Promise<void>
