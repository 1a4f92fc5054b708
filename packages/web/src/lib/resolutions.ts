import { projectResolutions, resolutionName } from '@closeloop/core/closure/resolutions';
import type { ProjectResolution } from '@closeloop/shared/api/resolutions';
import { useOptional } from '../api/hooks.ts';

/**
 * A project's resolutions as its admins configured them; until they load (or without a project),
 * the built-in ones, so the close dialog always has a list to offer.
 */
export function useResolutions(projectKey: string | undefined): ProjectResolution[] {
  const q = useOptional<{ items: ProjectResolution[] }>(
    ['resolutions', projectKey],
    `/projects/${projectKey}/resolutions`,
    !!projectKey,
  );
  return q.data?.items ?? projectResolutions([]);
}

/** A resolution's name in its project: renamed and retired ones by their name, unknown ones in words. */
export function useResolutionName(projectKey: string | undefined, key: string | null): string | null {
  const list = useResolutions(projectKey);
  return key === null ? null : resolutionName(list, key);
}
