import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the API owns; everything else that asks for HTML gets the console's index.html (client-side routes). */
const API_PATHS = /^\/(graphql|health)(\/|$)/;

/** Where the built console is: apps/web/dist of the checkout (from the working directory, else from this file). */
export function webConsoleDir(): string | null {
  const candidates = [
    path.resolve('apps/web/dist'),
    fileURLToPath(new URL('../../../../apps/web/dist', import.meta.url)), // dist/apps/api/src → repo root
    fileURLToPath(new URL('../../../apps/web/dist', import.meta.url)), // apps/api/src (ts sources)
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the built staff console at / next to /graphql, only when the build exists (`npm run build:web`).
 * Hashed assets are cached for a year; index.html is always revalidated.
 */
export function serveWebConsole(app: NestExpressApplication, dir: string | null = webConsoleDir()): boolean {
  if (!dir) return false;
  const index = path.join(dir, 'index.html');
  app.useStaticAssets(dir, {
    index: false,
    redirect: false,
    setHeaders: (res, file) => {
      res.setHeader(
        'Cache-Control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    if (path.extname(req.path) !== '' || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
