import DataLoader from 'dataloader';
import type { AppRequest } from './request';

/**
 * A DataLoader for this request: the fields of every node on a page that ask for the same
 * relation are answered by one statement in the request's transaction (so in its tenant and
 * under its row-level security), and the cache dies with the request.
 */
export function requestLoader<K, V>(req: AppRequest, name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  const loaders = (req.loaders ??= new Map());
  let loader = loaders.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch);
    loaders.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}
