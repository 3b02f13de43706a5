import { Engine, type EngineOptions } from '../engine/engine'
import { handlers } from './handlers'
import { createRouter, type Router } from './router'

export interface Api {
  engine: Engine
  router: Router
}

/** The engine and its router, as every host (Electron, browser, tests) sets them up. */
export function createApi(options: EngineOptions): Api {
  const engine = new Engine(options)
  return { engine, router: createRouter(handlers, { engine }) }
}
