import type { ScriptedAnswer } from './fake-github-server.ts';

export interface StoredEnvironment {
  readonly name: string;
  deploymentBranchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  readonly branchPolicies: { id: number; name: string; type: 'branch' | 'tag' }[];
  readonly variables: Map<string, string>;
}

export interface StoredRepository {
  defaultBranch: string;
  readonly environments: Map<string, StoredEnvironment>;
  /** The OIDC subject template: undefined while GitHub's default applies. */
  subjectClaimKeys?: string[];
}

const NOT_FOUND: ScriptedAnswer = {
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' },
};

function invalid(message: string, documentation: string): ScriptedAnswer {
  return {
    status: 422,
    body: { message, documentation_url: `https://docs.github.com/rest/${documentation}`, status: '422' },
  };
}

/**
 * The repository settings GitHub's REST API keeps for deployments, as the fake server speaks them: the
 * repository's default branch, environments with their deployment branch policies and variables, and the
 * OIDC subject template. Answers follow GitHub's documented shapes and its 422s for the rules it enforces.
 */
export class FakeRepositorySettings {
  private readonly repositories = new Map<string, StoredRepository>();
  private nextId = 361_000_001;

  /** Makes a repository known (its default branch `main` unless said otherwise). */
  addRepository(owner: string, name: string, defaultBranch = 'main'): StoredRepository {
    const repository: StoredRepository = { defaultBranch, environments: new Map() };
    this.repositories.set(`${owner}/${name}`.toLowerCase(), repository);
    return repository;
  }

  repository(owner: string, name: string): StoredRepository | undefined {
    return this.repositories.get(`${owner}/${name}`.toLowerCase());
  }

  /** The answer for a settings request, or undefined when the path is not one of these endpoints. */
  route(method: string, path: string, raw: string): ScriptedAnswer | undefined {
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    if (match === null) return undefined;
    const [, owner = '', name = '', rest = ''] = match;
    const repository = this.repository(owner, name);
    const body = (raw === '' ? {} : JSON.parse(raw)) as Record<string, unknown>;
    if (rest === '' && method === 'GET') {
      if (repository === undefined) return NOT_FOUND;
      return {
        status: 200,
        body: {
          name,
          full_name: `${owner}/${name}`,
          owner: { login: owner },
          default_branch: repository.defaultBranch,
        },
      };
    }
    if (rest === '/actions/oidc/customization/sub') {
      if (repository === undefined) return NOT_FOUND;
      if (method === 'GET') {
        return {
          status: 200,
          body: {
            use_default: repository.subjectClaimKeys === undefined,
            include_claim_keys: repository.subjectClaimKeys ?? [],
          },
        };
      }
      if (method !== 'PUT') return undefined;
      if (typeof body.use_default !== 'boolean')
        return invalid('Invalid request: use_default is required.', 'actions/oidc');
      const keys = body.include_claim_keys;
      if (body.use_default) {
        delete repository.subjectClaimKeys;
      } else {
        if (
          !Array.isArray(keys) ||
          keys.length === 0 ||
          keys.some((k) => typeof k !== 'string' || !/^\w+$/.test(k))
        )
          return invalid(
            'Invalid request: include_claim_keys must be unique alphanumeric names.',
            'actions/oidc',
          );
        repository.subjectClaimKeys = keys as string[];
      }
      return { status: 201, body: {} };
    }
    const environmentMatch = /^\/environments\/([^/]+)(\/.*)?$/.exec(rest);
    if (environmentMatch === null) return undefined;
    if (repository === undefined) return NOT_FOUND;
    const environmentName = decodeURIComponent(environmentMatch[1] ?? '');
    const sub = environmentMatch[2] ?? '';
    if (sub === '') {
      if (method === 'PUT') return this.putEnvironment(repository, environmentName, body);
      const environment = repository.environments.get(environmentName);
      if (method === 'GET')
        return environment ? { status: 200, body: this.environmentJson(environment) } : NOT_FOUND;
      return undefined;
    }
    const environment = repository.environments.get(environmentName);
    if (environment === undefined) return NOT_FOUND;
    if (sub === '/deployment-branch-policies') return this.branchPolicies(environment, method, body);
    let m = /^\/deployment-branch-policies\/(\d+)$/.exec(sub);
    if (m !== null && method === 'DELETE') {
      const index = environment.branchPolicies.findIndex((p) => p.id === Number(m?.[1]));
      if (index < 0) return NOT_FOUND;
      environment.branchPolicies.splice(index, 1);
      return { status: 204 };
    }
    if (sub === '/variables' && method === 'POST') {
      const variable = String(body.name ?? '');
      if (environment.variables.has(variable)) return invalid('Variable already exists', 'actions/variables');
      environment.variables.set(variable, String(body.value ?? ''));
      return { status: 201, body: {} };
    }
    m = /^\/variables\/([^/]+)$/.exec(sub);
    if (m !== null) {
      const variable = decodeURIComponent(m[1] ?? '');
      const value = environment.variables.get(variable);
      if (method === 'GET')
        return value === undefined ? NOT_FOUND : { status: 200, body: { name: variable, value } };
      if (method === 'PATCH') {
        if (value === undefined) return NOT_FOUND;
        environment.variables.set(variable, String(body.value ?? ''));
        return { status: 204 };
      }
    }
    return undefined;
  }

  private putEnvironment(
    repository: StoredRepository,
    name: string,
    body: Record<string, unknown>,
  ): ScriptedAnswer {
    const policy = body.deployment_branch_policy as StoredEnvironment['deploymentBranchPolicy'] | undefined;
    // GitHub: exactly one of the two kinds when a policy is given.
    if (policy && policy.protected_branches === policy.custom_branch_policies)
      return invalid(
        'Invalid request. Only one of protected_branches and custom_branch_policies can be true.',
        'deployments/environments',
      );
    let environment = repository.environments.get(name);
    if (environment === undefined) {
      environment = { name, deploymentBranchPolicy: null, branchPolicies: [], variables: new Map() };
      repository.environments.set(name, environment);
    }
    if (policy !== undefined) environment.deploymentBranchPolicy = policy;
    // Leaving custom policies drops the stored patterns, as GitHub does.
    if (!environment.deploymentBranchPolicy?.custom_branch_policies) environment.branchPolicies.length = 0;
    return { status: 200, body: this.environmentJson(environment) };
  }

  private branchPolicies(
    environment: StoredEnvironment,
    method: string,
    body: Record<string, unknown>,
  ): ScriptedAnswer | undefined {
    if (method === 'GET') {
      return {
        status: 200,
        body: { total_count: environment.branchPolicies.length, branch_policies: environment.branchPolicies },
      };
    }
    if (method !== 'POST') return undefined;
    if (!environment.deploymentBranchPolicy?.custom_branch_policies)
      return invalid(
        'Custom branch policies are not enabled for this environment',
        'deployments/branch-policies#create-a-deployment-branch-policy',
      );
    const name = String(body.name ?? '');
    const type = body.type === 'tag' ? 'tag' : 'branch';
    if (environment.branchPolicies.some((p) => p.name === name && p.type === type))
      return invalid('Name already exists', 'deployments/branch-policies#create-a-deployment-branch-policy');
    const policy = { id: this.nextId++, name, type } as const;
    environment.branchPolicies.push({ ...policy });
    return { status: 200, body: policy };
  }

  private environmentJson(environment: StoredEnvironment) {
    return {
      name: environment.name,
      deployment_branch_policy: environment.deploymentBranchPolicy,
      protection_rules: [],
    };
  }
}
