import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED_PANELS, isOrigin, parseUrlParams } from './embedParams.ts';

const IDS = ['owner-killed', 'partition-heal'];

describe('URL parameters', () => {
  it('reads every parameter', () => {
    const { settings, problems } = parseUrlParams(
      '?embed=1&seed=42&nodes=5&lang=zh&speed=0.5&autoplay=0&starter=0&runtime=in-process&theme=dark&panels=matrix,ring,log&origins=https://docs.example.org,http://localhost:8080/',
      IDS,
    );
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      embed: true,
      scenarioId: null,
      seed: 42,
      nodes: 5,
      lang: 'zh',
      speed: 0.5,
      autoplay: false,
      starter: false,
      runtime: 'in-process',
      theme: 'dark',
      panels: ['ring', 'matrix', 'log'],
      origins: ['https://docs.example.org', 'http://localhost:8080'],
    });
  });

  it('has defaults for everything', () => {
    const { settings, problems } = parseUrlParams('', IDS);
    expect(problems).toEqual([]);
    expect(settings.embed).toBe(false);
    expect(settings.panels).toEqual(DEFAULT_EMBED_PANELS);
    expect(settings.origins).toEqual([]);
  });

  it('names each bad value and the default used instead', () => {
    const { settings, problems } = parseUrlParams(
      '?embed=yes&seed=1.5&nodes=0&lang=fr&speed=3&autoplay=maybe&panels=radar&origins=docs.example.org,*&scenario=nope',
      IDS,
    );
    expect(problems).toEqual([
      { param: 'embed', got: 'yes', fallback: '0' },
      { param: 'scenario', got: 'nope', fallback: null },
      { param: 'seed', got: '1.5', fallback: '1' },
      { param: 'nodes', got: '0', fallback: '3' },
      { param: 'lang', got: 'fr', fallback: null },
      { param: 'speed', got: '3', fallback: '1' },
      { param: 'autoplay', got: 'maybe', fallback: '1' },
      { param: 'panels', got: 'radar', fallback: 'ring,matrix' },
      { param: 'origins', got: 'docs.example.org,*', fallback: '*' },
    ]);
    expect(settings.seed).toBeNull();
    expect(settings.origins).toEqual(['*']);
  });

  it('a scenario sets its own cluster: nodes is ignored, a bad seed falls back to the scenario’s', () => {
    const { settings, problems } = parseUrlParams('?scenario=owner-killed&nodes=5&seed=x', IDS);
    expect(settings.scenarioId).toBe('owner-killed');
    expect(settings.nodes).toBeNull();
    expect(problems).toEqual([
      { param: 'seed', got: 'x', fallback: null },
      { param: 'nodes', got: '5', fallback: null, ignoredBecause: 'scenario' },
    ]);
  });

  it('knows an origin when it sees one', () => {
    expect(isOrigin('https://docs.example.org')).toBe(true);
    expect(isOrigin('http://localhost:4173')).toBe(true);
    expect(isOrigin('*')).toBe(true);
    expect(isOrigin('https://docs.example.org/path')).toBe(false);
    expect(isOrigin('docs.example.org')).toBe(false);
    expect(isOrigin('javascript:alert(1)')).toBe(false);
  });
});
