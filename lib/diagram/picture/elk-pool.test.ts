import { afterAll, describe, expect, it } from 'vitest';
import { layout, layoutProcessId, stopLayouts, warmUpLayouts } from './elk-pool.ts';
import { warmUpGraphs } from './warm-up.ts';

afterAll(stopLayouts);

const chain = (id: string, n: number) => ({
  id,
  layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT' },
  children: Array.from({ length: n }, (_, i) => ({ id: `${id}-${i}`, width: 40, height: 30 })),
  edges: Array.from({ length: n - 1 }, (_, i) => ({
    id: `${id}-e${i}`,
    sources: [`${id}-${i}`],
    targets: [`${id}-${i + 1}`],
  })),
});

describe('elkjs in its own process', () => {
  it('lays out graphs sent at once, each answered with its own positions', async () => {
    const [three, five] = await Promise.all([layout(chain('a', 3)), layout(chain('b', 5))]);
    // Left to right: each node of a chain right of the one before it.
    for (const graph of [three, five]) {
      const xs = (graph?.children ?? []).map((c) => c.x ?? Number.NaN);
      expect(xs).toEqual([...xs].sort((p, q) => p - q));
      expect(new Set(xs).size).toBe(xs.length);
    }
    expect(three?.children?.map((c) => c.id)).toEqual(['a-0', 'a-1', 'a-2']);
    expect(five?.children).toHaveLength(5);
    expect(five?.edges?.[0]?.sections?.[0]?.startPoint).toBeDefined();
  });

  it('lays a graph sent ahead out before the ones waiting, right after the one in progress', async () => {
    await layout(chain('warm', 3)); // the process is up and idle
    const answered: string[] = [];
    const send = (id: string, ahead = false) =>
      layout(chain(id, 30), { ahead }).then(() => answered.push(id));
    await Promise.all([send('q1'), send('q2'), send('q3'), send('q4'), send('second', true)]);
    // q1 was in progress when the others arrived: "second" is next, the rest keep their order.
    expect(answered).toEqual(['q1', 'second', 'q2', 'q3', 'q4']);
  });

  it('names the graph elkjs could not lay out, and goes on serving the next', async () => {
    const broken = { ...chain('c', 2), edges: [{ id: 'c-e', sources: ['c-0'], targets: ['nowhere'] }] };
    await expect(layout(broken)).rejects.toThrow(/elkjs could not lay out graph c: .*nowhere/);
    expect((await layout(chain('d', 2))).children).toHaveLength(2);
  });

  it('lays out what it is sent while it warms up, with the positions a cold start gives', async () => {
    const cold = await layout(chain('e', 4));
    await stopLayouts();
    warmUpLayouts(warmUpGraphs());
    // The warm-up changes nothing in what comes back.
    const warm = await layout(chain('e', 4));
    expect(warm.children?.map((c) => [c.id, c.x, c.y])).toEqual(cold.children?.map((c) => [c.id, c.x, c.y]));
  });

  it('warms up on graphs elkjs lays out as it does the pictures: phases as boxes, both directions, a column', async () => {
    const graphs = warmUpGraphs();
    expect(new Set(graphs.map((g) => g.layoutOptions?.['elk.direction']))).toEqual(
      new Set(['RIGHT', 'DOWN']),
    );
    for (const graph of graphs.slice(0, 3)) {
      const laid = await layout(graph);
      const boxes = laid.children ?? [];
      expect(boxes.length).toBeGreaterThan(0);
      // Every node placed: inside its phase's box, or in the column.
      const nodes = boxes.flatMap((b) => b.children ?? [b]);
      expect(nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
      expect(laid.edges?.every((e) => (e.sections?.length ?? 0) > 0)).toBe(true);
    }
  });

  it('starts another process after stopLayouts', async () => {
    await stopLayouts();
    expect((await layout(chain('f', 2))).children).toHaveLength(2);
  });

  // Failed before: elk-api waits for an answer forever, so npm run docs hung when the process died.
  it('fails the layouts a stopped process leaves unanswered, saying what to do, and starts another next time', async () => {
    await layout(chain('g', 2));
    const pid = layoutProcessId() as number;
    const long = layout(chain('h', 3000));
    process.kill(pid, 'SIGKILL');
    await expect(long).rejects.toThrow(
      /elkjs could not lay out graph h: the elkjs layout process stopped \(SIGKILL\) before it answered; run the command again/,
    );
    expect((await layout(chain('i', 2))).children).toHaveLength(2);
    expect(layoutProcessId()).not.toBe(pid);
  });
});
