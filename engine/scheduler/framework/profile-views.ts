/**
 * The nominated-pods filter bound to the filters a PreFilter Skip pattern leaves, made once per profile
 * and pattern instead of on every attempt while pods are nominated. Profiles are built once and never
 * changed, which makes remembering per profile object sound.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import { skipBits } from '../fastpath/failure-memo.js';
import type { Profile } from '../profile.js';
import type { CycleState } from './interfaces.js';
import type { FilterProfile } from './node-simulation.js';
import type { Status } from './status.js';

export type NodeFilter = (state: CycleState, pod: Pod, node: Node) => Status | null;
export type ProfileNodeFilter = (profile: FilterProfile, state: CycleState, pod: Pod, node: Node) => Status | null;

/** `filterNode` bound to the profile's filters that PreFilter did not skip (`skip[f]`: filter f skipped). */
export class SkippedFilterViews {
  private readonly byProfile = new WeakMap<Profile, { filterNode: ProfileNodeFilter; bySkip: Map<number, NodeFilter> }>();

  get(profile: Profile, filterNode: ProfileNodeFilter, skip: readonly boolean[]): NodeFilter {
    const bits = skipBits(skip);
    let known = this.byProfile.get(profile);
    if (known === undefined || known.filterNode !== filterNode) this.byProfile.set(profile, (known = { filterNode, bySkip: new Map() }));
    let f = known.bySkip.get(bits);
    if (f === undefined) {
      const view: FilterProfile = { ...profile, filter: profile.filter.filter((_, i) => !skip[i]) };
      f = (state, pod, node) => filterNode(view, state, pod, node);
      if (!Number.isNaN(bits)) known.bySkip.set(bits, f);
    }
    return f;
  }
}
