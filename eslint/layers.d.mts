import type { Linter } from 'eslint'

export declare const layers: Linter.Config[]
