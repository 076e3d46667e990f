import { Global, Module, type DynamicModule, type ValueProvider } from '@nestjs/common';
import type { AppConfig } from './app-config.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * The validated configuration, and the values the composition root (core-modules.ts) settles at
 * start-up and hands down to the layers below it: the personal-data key, the built-in
 * organizations. Global because these are the instance's settings, not a feature: feature modules
 * import one another explicitly.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, ...handedDown: ValueProvider[]): DynamicModule {
    const providers: ValueProvider[] = [{ provide: APP_CONFIG, useValue: config }, ...handedDown];
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
