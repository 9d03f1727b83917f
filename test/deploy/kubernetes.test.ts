// The Kubernetes manifests (deploy/kubernetes) validate against the Kubernetes API schemas
// (kubernetes-models: validators compiled from the Kubernetes 1.27 OpenAPI, shipped in the npm
// package, so no network), and hang together: names and selectors match, the probes hit
// /ready and /health, the grace period covers preStop plus the drain, and every setting they
// pass is one the gateway reads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../deploy/kubernetes');
/** src/server.ts: in-flight requests get at most this long after SIGTERM. */
const DRAIN_SECONDS = 10;

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

const models: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/Secret': Secret,
  'v1/ConfigMap': ConfigMap,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const documents = files.flatMap((file) =>
  parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => {
    expect(doc.errors, file).toEqual([]);
    return { file, manifest: doc.toJS() as Manifest };
  }),
);
const resources = documents.filter((d) => d.manifest.kind !== 'Kustomization');
const find = (kind: string, name: string) =>
  resources.find((d) => d.manifest.kind === kind && d.manifest.metadata.name === name)?.manifest;

function validate(manifest: Manifest): void {
  const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
  new Model(manifest as never).validate();
}

type Probe = { httpGet?: { path: string; port: string } };
interface PodSpec {
  terminationGracePeriodSeconds: number;
  containers: {
    name: string;
    ports?: { name: string; containerPort: number }[];
    readinessProbe?: Probe;
    livenessProbe?: Probe;
    lifecycle?: { preStop?: { exec?: { command: string[] } } };
    resources?: { requests?: Record<string, string> };
    envFrom?: ({ configMapRef?: { name: string } } & { secretRef?: { name: string } })[];
    env?: { name: string }[];
  }[];
}
interface DeploymentSpec {
  selector: { matchLabels: Record<string, string> };
  template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
}
const gateway = find('Deployment', 'linq-gateway') as Manifest & { spec: DeploymentSpec };
const pod = gateway.spec.template.spec;
const container = pod.containers[0]!;

describe('Kubernetes manifests', () => {
  it('every document validates against its Kubernetes schema', () => {
    expect(resources.length).toBeGreaterThanOrEqual(8);
    for (const { file, manifest } of resources) {
      expect(() => validate(manifest), `${file}: ${manifest.kind}`).not.toThrow();
    }
    // The validator is real: a wrong type or a missing required field is refused.
    const broken = structuredClone<Manifest & { spec: DeploymentSpec }>(gateway);
    broken.spec.template.spec.containers[0]!.ports = [
      { name: 'http', containerPort: 'x' as never },
    ];
    expect(() => validate(broken)).toThrow(/containerPort/);
    const noSelector = structuredClone<Manifest & { spec: Partial<DeploymentSpec> }>(gateway);
    delete noSelector.spec.selector;
    expect(() => validate(noSelector)).toThrow(/selector/);
  });

  it('kustomization.yaml lists every manifest', () => {
    const kustomization = documents.find((d) => d.manifest.kind === 'Kustomization')!.manifest;
    expect([...(kustomization['resources'] as string[])].sort()).toEqual(
      files.filter((f) => f !== 'kustomization.yaml').sort(),
    );
  });

  it('the Deployment probes /ready and /health, drains within its grace period, requests resources', () => {
    const port = container.ports?.find((p) => p.name === 'http');
    expect(port?.containerPort).toBe(4000);
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
    const [cmd, seconds] = container.lifecycle?.preStop?.exec?.command ?? [];
    expect(cmd).toBe('sleep');
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(seconds) + DRAIN_SECONDS);
    expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(gateway.spec.selector.matchLabels).toEqual(gateway.spec.template.metadata.labels);
  });

  it('the Service, HPA and PDB select the gateway; Redis is there', () => {
    const labels = gateway.spec.template.metadata.labels;
    const service = find('Service', 'linq-gateway') as Manifest & {
      spec: { selector: Record<string, string>; ports: { targetPort: string }[] };
    };
    expect(service.spec.selector).toEqual(labels);
    expect(service.spec.ports[0]!.targetPort).toBe('http');
    const hpa = find('HorizontalPodAutoscaler', 'linq-gateway') as Manifest & {
      spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number };
    };
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'linq-gateway' });
    const pdb = find('PodDisruptionBudget', 'linq-gateway') as Manifest & {
      spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } };
    };
    expect(pdb.spec.selector.matchLabels).toEqual(labels);
    expect(hpa.spec.minReplicas).toBeGreaterThan(pdb.spec.minAvailable);
    const secret = find('Secret', 'linq-gateway') as Manifest & {
      stringData: Record<string, string>;
    };
    const redisHost = new URL(secret.stringData['REDIS_URL']!).hostname;
    expect(find('Service', redisHost)).toBeDefined();
    expect(find('Deployment', redisHost)).toBeDefined();
  });

  it('passes only settings the gateway reads, secrets from Secrets', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
    const names: string[] = (container.env ?? []).map((e) => e.name);
    for (const source of container.envFrom ?? []) {
      const ref = source.configMapRef ?? source.secretRef;
      const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
      const found = find(kind, ref!.name) as Manifest & {
        data?: Record<string, string>;
        stringData?: Record<string, string>;
      };
      expect(found, `${kind} ${ref!.name}`).toBeDefined();
      const keys = Object.keys(found.data ?? found.stringData ?? {});
      if (kind === 'ConfigMap') {
        expect(keys.filter((k) => /TOKEN|SECRET|REDIS_URL/.test(k))).toEqual([]);
      }
      names.push(...keys);
    }
    expect(names).toEqual(
      expect.arrayContaining(['LINQ_TOKEN', 'LINQ_WEBHOOK_SECRET_V3', 'REDIS_URL']),
    );
    expect(names.filter((n) => !documented.has(n))).toEqual([]);
  });
});

describe('the settings the manifests pass', () => {
  it('make a configuration the gateway starts with (production: caller authentication on)', async () => {
    const { loadConfig } = await import('../../src/config.js');
    const data = (kind: string, name: string, key: 'data' | 'stringData') =>
      (find(kind, name)?.[key] ?? {}) as Record<string, string>;
    const env = {
      ...data('ConfigMap', 'linq-gateway', 'data'),
      ...data('Secret', 'linq-gateway', 'stringData'),
    };
    const config = loadConfig(env);
    expect(config.env).toBe('production');
    expect([...config.auth.modes]).toContain('jwt');
    expect(config.auth.anonymous).toBe('off');
  });
});
