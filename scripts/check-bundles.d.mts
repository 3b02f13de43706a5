export declare const PRELOAD_BUDGET_BYTES: number
export declare const ZOD_MARKER: string
export declare function checkBundles(outDir: string): { lines: string[]; failures: string[] }
