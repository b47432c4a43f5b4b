import type { MemberState } from '../../protocol/io.ts';
import { ownerIn } from '../../protocol/mapper.ts';
import type { Frame, FrameNode } from '../../sim/frame.ts';
import type { NodeStatus } from '../../sim/types.ts';
import type { SimState } from '../../store/simStore.ts';
import {
  bendFor,
  type Curve,
  curvePoint,
  flightCurve,
  type NodeSlot,
  nodeSlots,
  type Point,
  type Segment,
} from './geometry.ts';
import type { RingLayout } from './layout.ts';
import { type PartitionDrawing, partitionDrawing } from './partition.ts';

/** A node as the ring draws it. */
export interface RingNode extends NodeSlot {
  readonly status: NodeStatus;
  readonly error?: string;
  /** Under "as seen by X": X's view of this node ('self' for X); null in each node's own view. */
  readonly seen: MemberState | 'self' | null;
  /** Index of its partition group, or null when the network is whole. */
  readonly group: number | null;
}

export interface RingClient extends Point {
  readonly address: string;
  readonly name: string;
  readonly instance: string;
  readonly alive: boolean;
  readonly registered: boolean;
}

/** The clients of one service, drawn as a small cluster outside the ring. */
export interface ClientCluster extends Point {
  readonly service: string;
  readonly label: string;
  readonly clients: readonly RingClient[];
}

/**
 * A cut link. One way: drawn along the path its messages take, with an arrow and a cross
 * where they die. Both ways (a client cut off from a node): a straight line with a barrier
 * across its middle, where messages in either direction die.
 */
export interface RingCut {
  readonly key: string;
  readonly both: boolean;
  readonly curve: Curve;
  readonly middle: Point;
  /** The barrier across a two-way cut: from one flight path's middle to the other's. */
  readonly barrier: Segment;
}

export interface RingModel {
  readonly layout: RingLayout;
  readonly nodes: readonly RingNode[];
  /** group@@service → the names of the nodes that believe they own it (in this view). */
  readonly claims: ReadonlyMap<string, readonly string[]>;
  /** `group@@service node` → how many instances that claimant holds. */
  readonly counts: ReadonlyMap<string, number>;
  readonly clusters: readonly ClientCluster[];
  readonly partition: PartitionDrawing;
  readonly cuts: readonly RingCut[];
  /** The viewpoint node, when one is chosen and exists. */
  readonly viewer: RingNode | null;
  /** Where each endpoint (node or client address) sits, and how far from its centre a line starts. */
  readonly endpoints: ReadonlyMap<string, Point & { readonly r: number }>;
}

/** "orders" for DEFAULT_GROUP@@orders, "pay/orders" for pay@@orders. */
export function serviceLabel(grouped: string): string {
  const at = grouped.indexOf('@@');
  if (at < 0) return grouped;
  const group = grouped.slice(0, at);
  const name = grouped.slice(at + 2);
  return group === 'DEFAULT_GROUP' ? name : `${group}/${name}`;
}

const alive = (status: NodeStatus) => status === 'running' || status === 'paused';

/** Who owns what: each node's own belief, or the viewer's mapping of every service it holds. */
function ownership(frame: Frame, viewer: FrameNode | null) {
  const claims = new Map<string, string[]>();
  const counts = new Map<string, number>();
  const nameOf = new Map(frame.nodes.map((node) => [node.address, node.name]));
  const claim = (service: string, node: string, holder: FrameNode) => {
    const list = claims.get(service) ?? [];
    list.push(node);
    claims.set(service, list);
    counts.set(`${service} ${node}`, Object.keys(holder.instances[service] ?? {}).length);
  };
  if (viewer) {
    if (!alive(viewer.status)) return { claims, counts };
    for (const service of Object.keys(viewer.instances).sort()) {
      const owner = ownerIn(service, viewer.healthyList);
      const name = owner === undefined ? undefined : nameOf.get(owner);
      if (name !== undefined) claim(service, name, viewer);
    }
    return { claims, counts };
  }
  for (const node of frame.nodes) {
    if (!alive(node.status)) continue;
    for (const service of node.owned) claim(service, node.name, node);
  }
  return { claims, counts };
}

function ringNodes(frame: Frame, viewer: FrameNode | null): RingNode[] {
  const groupOf = new Map<string, number>();
  frame.network.partition.forEach((group, index) => {
    for (const address of group) groupOf.set(address, index);
  });
  const slots = nodeSlots(frame.nodes);
  return frame.nodes.map((node, index) => {
    const seen =
      viewer === null
        ? null
        : node.address === viewer.address
          ? 'self'
          : (viewer.members[node.address] ?? 'DOWN');
    return {
      ...slots[index]!,
      status: node.status,
      ...(node.error === undefined ? {} : { error: node.error }),
      seen,
      group: groupOf.get(node.address) ?? null,
    };
  });
}

const CLIENTS_PER_ROW = 5;

type FrameClient = Frame['clients'][number];

/** Where each service's cluster sits: in columns left and right of the ring, or in a strip below it. */
function clusterAnchors(count: number, layout: RingLayout): Point[] {
  const { view } = layout;
  if (layout.clientsAt === 'bottom') {
    const top = 540;
    const perRow = Math.min(count, 4);
    return Array.from({ length: count }, (_, i) => {
      const row = Math.floor(i / perRow);
      const inRow = Math.min(perRow, count - row * perRow);
      const band = view.w / inRow;
      return { x: view.x + band * ((i % perRow) + 0.5), y: top + row * 70 };
    });
  }
  const right = Math.ceil(count / 2);
  const x = view.x + view.w - 64;
  return Array.from({ length: count }, (_, i) => {
    const onRight = i < right;
    const inColumn = onRight ? right : count - right;
    const band = (view.h - 120) / Math.max(1, inColumn);
    const column = onRight ? i : i - right;
    return { x: onRight ? x : -x, y: view.y + 60 + band * (column + 0.5) };
  });
}

function clientClusters(frame: Frame, layout: RingLayout): ClientCluster[] {
  const byService = new Map<string, FrameClient[]>();
  for (const client of frame.clients) {
    const list = byService.get(client.service) ?? [];
    list.push(client);
    byService.set(client.service, list);
  }
  const services = [...byService.keys()].sort();
  const anchors = clusterAnchors(services.length, layout);
  const pitch = layout.clientPitch;
  return services.map((service, index) => {
    const { x, y } = anchors[index]!;
    const members = byService.get(service)!;
    const rows = Math.ceil(members.length / CLIENTS_PER_ROW);
    const clients = members.map((client, i) => {
      const row = Math.floor(i / CLIENTS_PER_ROW);
      const inRow = row === rows - 1 ? members.length - row * CLIENTS_PER_ROW : CLIENTS_PER_ROW;
      return {
        address: client.address,
        name: client.name,
        instance: client.instance,
        alive: client.alive,
        registered: client.registered,
        x: x + ((i % CLIENTS_PER_ROW) - (inRow - 1) / 2) * pitch,
        y: y + layout.clientR + 2 + row * pitch,
      };
    });
    return { service, label: serviceLabel(service), x, y, clients };
  });
}

function endpointMap(nodes: readonly RingNode[], clusters: readonly ClientCluster[], layout: RingLayout) {
  const endpoints = new Map<string, Point & { r: number }>();
  for (const node of nodes) endpoints.set(node.address, { x: node.x, y: node.y, r: node.r + 2 });
  for (const cluster of clusters)
    for (const client of cluster.clients)
      endpoints.set(client.address, { x: client.x, y: client.y, r: layout.clientR });
  return endpoints;
}

function ringCuts(frame: Frame, endpoints: RingModel['endpoints']): RingCut[] {
  const cuts: RingCut[] = [];
  const cutSet = new Set(frame.network.cuts.map(([from, to]) => `${from}>${to}`));
  for (const [from, to] of frame.network.cuts) {
    const both = cutSet.has(`${to}>${from}`);
    // A two-way cut is one drawing: keep the direction whose addresses sort first.
    if (both && from > to) continue;
    const a = endpoints.get(from);
    const b = endpoints.get(to);
    if (!a || !b) continue;
    const bend = bendFor(from, to);
    const curve = flightCurve(a, b, a.r, b.r, bend);
    const middle = curvePoint(curve, 0.5);
    const back = curvePoint(flightCurve(b, a, b.r, a.r, bend), 0.5);
    const straight = flightCurve(a, b, a.r, b.r, 0);
    const mid = curvePoint(straight, 0.5);
    // The barrier reaches a little beyond both flight paths, where their messages die.
    const barrier = {
      x1: mid.x + (middle.x - mid.x) * 1.5,
      y1: mid.y + (middle.y - mid.y) * 1.5,
      x2: mid.x + (back.x - mid.x) * 1.5,
      y2: mid.y + (back.y - mid.y) * 1.5,
    };
    cuts.push({
      key: `${from}>${to}`,
      both,
      curve: both ? straight : curve,
      middle: both ? mid : middle,
      barrier,
    });
  }
  return cuts;
}

export function buildRingModel(frame: Frame, viewpoint: string | null, layout: RingLayout): RingModel {
  const viewerNode =
    viewpoint === null ? null : (frame.nodes.find((node) => node.name === viewpoint) ?? null);
  const nodes = ringNodes(frame, viewerNode);
  const { claims, counts } = ownership(frame, viewerNode);
  const clusters = clientClusters(frame, layout);
  const endpoints = endpointMap(nodes, clusters, layout);
  return {
    layout,
    nodes,
    claims,
    counts,
    clusters,
    partition: partitionDrawing(nodes, frame.network.partition),
    cuts: ringCuts(frame, endpoints),
    viewer: viewerNode === null ? null : (nodes.find((node) => node.name === viewerNode.name) ?? null),
    endpoints,
  };
}

/**
 * Everything the ring's SVG depends on, as one string: the frame changes sixty times a
 * second, the ring only when this does, so React re-renders the ring only then.
 */
export function ringSignature(frame: Frame, viewpoint: string | null): string {
  const parts: string[] = [viewpoint ?? '*'];
  const viewer = viewpoint === null ? undefined : frame.nodes.find((node) => node.name === viewpoint);
  for (const node of frame.nodes) {
    parts.push(`${node.address}/${node.status}/${node.error ?? ''}`);
    if (viewer === undefined) parts.push(node.owned.join(','), ownedCounts(node, node.owned));
  }
  if (viewer !== undefined) {
    parts.push(JSON.stringify(viewer.members), viewer.healthyList.join(','));
    parts.push(ownedCounts(viewer, Object.keys(viewer.instances)));
  }
  for (const client of frame.clients)
    parts.push(`${client.address}/${client.service}/${client.alive}/${client.registered}`);
  parts.push(JSON.stringify(frame.network.partition), JSON.stringify(frame.network.cuts));
  return parts.join('|');
}

function ownedCounts(node: FrameNode, services: readonly string[]): string {
  return services
    .map((service) => `${service}=${Object.keys(node.instances[service] ?? {}).length}`)
    .join(',');
}

/** A zustand selector for one layout that returns the same model object until the signature changes. */
export function ringModelSelector(layout: RingLayout): (state: SimState) => RingModel | null {
  let lastSignature: string | null = null;
  let lastModel: RingModel | null = null;
  return (state) => {
    if (!state.frame) return null;
    const signature = ringSignature(state.frame, state.viewpoint);
    if (signature !== lastSignature) {
      lastSignature = signature;
      lastModel = buildRingModel(state.frame, state.viewpoint, layout);
    }
    return lastModel;
  };
}
