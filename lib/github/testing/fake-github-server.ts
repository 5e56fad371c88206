import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ListeningServer, serveLocally } from '../../testing/local-http-server.ts';
import { FakeRepositorySettings } from './fake-github-environments.ts';

export interface RecordedRequest {
  readonly method: string;
  /** Path without the server's prefix and without the query, e.g. `/repos/o/r/issues/1/comments`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingMessage['headers'];
  /** Parsed JSON body, or undefined. */
  readonly body: unknown;
  /** What the server answered. */
  status: number;
}

export interface User {
  readonly login: string;
  readonly id: number;
  readonly type: 'User' | 'Bot';
}

export const GITHUB_ACTIONS_BOT: User = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
export const HUMAN: User = { login: 'octocat', id: 583231, type: 'User' };

export interface StoredComment {
  readonly id: number;
  readonly issueNumber: number;
  body: string;
  readonly user: User;
  readonly createdAt: string;
  updatedAt: string;
}

export interface ScriptedAnswer {
  readonly status: number;
  /** JSON body; a string is sent as-is with `contentType`. */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Fault {
  readonly method?: string;
  /** Matched against the path without prefix or query. */
  readonly path?: RegExp;
  /** How many matching requests it answers (default 1). */
  readonly times?: number;
  /** `'drop'` closes the connection without an answer (a network error to the client). */
  readonly answer: ScriptedAnswer | 'drop';
}

interface Repo {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  readonly issues: Set<number>;
}

const DOCS = 'https://docs.github.com/rest/issues/comments';

/** GitHub's answer to a write with a read-only GITHUB_TOKEN (a pull request from a fork). */
export function resourceNotAccessible(documentationAnchor = 'create-an-issue-comment'): ScriptedAnswer {
  return {
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: `${DOCS}#${documentationAnchor}`,
      status: '403',
    },
  };
}

export function secondaryRateLimit(retryAfterSeconds: number): ScriptedAnswer {
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:1111:2222:3333:4444.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
  };
}

export function primaryRateLimit(resetInSeconds: number): ScriptedAnswer {
  return {
    status: 403,
    headers: {
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '1000',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
      'x-ratelimit-resource': 'core',
    },
    body: {
      message: 'API rate limit exceeded for installation ID 12345678.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      status: '403',
    },
  };
}

/** What GitHub's load balancer answers when a backend is down: HTML, not JSON. */
export const BAD_GATEWAY: ScriptedAnswer = {
  status: 502,
  contentType: 'text/html; charset=utf-8',
  body: '<html><body><h1>502 Bad Gateway</h1>We had issues producing the response to your request.</body></html>',
};

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** Every write answers 403 "Resource not accessible by integration", as with a fork's read-only token. */
  readOnly = false;
  /** Repositories' default branches, environments and OIDC subject templates (addRepository first). */
  readonly settings = new FakeRepositorySettings();

  private readonly repos = new Map<string, Repo>();
  private readonly comments: StoredComment[] = [];
  private readonly faults: { fault: Fault; left: number }[] = [];
  private nextCommentId = 2_400_000_001;
  private nextRepoId = 700_000_001;
  private clock = Date.parse('2025-06-01T12:00:00Z');

  private constructor(
    private readonly server: ListeningServer,
    /** Origin, e.g. `http://127.0.0.1:40123`. */
    readonly origin: string,
    private readonly prefix: string,
    private readonly token: string,
  ) {}

  /** The REST root to give Octokit as `baseUrl` (origin plus prefix, e.g. `/api/v3` for GitHub Enterprise). */
  get url(): string {
    return `${this.origin}${this.prefix}`;
  }

  static async start(options: { prefix?: string; token?: string } = {}): Promise<FakeGitHub> {
    let fake: FakeGitHub | undefined;
    const server = await serveLocally((req, body, res) => fake?.handle(req, body, res));
    fake = new FakeGitHub(server, server.url, options.prefix ?? '', options.token ?? 'test-token');
    return fake;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** A repository with an open pull request (an issue, to the comments API). */
  addPullRequest(owner: string, name: string, issueNumber: number): void {
    const key = `${owner}/${name}`.toLowerCase();
    let repo = this.repos.get(key);
    if (repo === undefined) {
      repo = { id: this.nextRepoId++, owner, name, issues: new Set() };
      this.repos.set(key, repo);
    }
    repo.issues.add(issueNumber);
  }

  /** Adds comments in order (each a second newer than the one before). */
  seedComments(
    owner: string,
    name: string,
    issueNumber: number,
    comments: readonly (string | { body: string; user?: User })[],
  ): StoredComment[] {
    this.addPullRequest(owner, name, issueNumber);
    return comments.map((comment) =>
      typeof comment === 'string'
        ? this.store(issueNumber, comment, GITHUB_ACTIONS_BOT)
        : this.store(issueNumber, comment.body, comment.user ?? GITHUB_ACTIONS_BOT),
    );
  }

  /** The comments of one issue, oldest first, as the server holds them now. */
  issueComments(issueNumber: number): StoredComment[] {
    return this.comments.filter((comment) => comment.issueNumber === issueNumber);
  }

  fail(fault: Fault): void {
    this.faults.push({ fault, left: fault.times ?? 1 });
  }

  /** Requests other than the listing's GETs: what the code changed. */
  writes(): RecordedRequest[] {
    return this.requests.filter((request) => request.method !== 'GET');
  }

  private store(issueNumber: number, body: string, user: User): StoredComment {
    this.clock += 1000;
    const at = new Date(this.clock).toISOString().replace('.000Z', 'Z');
    const comment: StoredComment = {
      id: this.nextCommentId++,
      issueNumber,
      body,
      user,
      createdAt: at,
      updatedAt: at,
    };
    this.comments.push(comment);
    return comment;
  }

  private repoOf(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  private commentJson(repo: Repo, comment: StoredComment) {
    const api = `https://api.github.com/repos/${repo.owner}/${repo.name}`;
    return {
      url: `${api}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${repo.owner}/${repo.name}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${api}/issues/${comment.issueNumber}`,
      id: comment.id,
      node_id: `IC_kwDO${Buffer.from(String(comment.id)).toString('base64url')}`,
      user: {
        login: comment.user.login,
        id: comment.user.id,
        node_id: `MDQ6VXNlcj${comment.user.id}`,
        avatar_url: `https://avatars.githubusercontent.com/u/${comment.user.id}?v=4`,
        html_url: `https://github.com/${comment.user.login.replace('[bot]', '')}`,
        type: comment.user.type,
        site_admin: false,
      },
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association: comment.user.type === 'Bot' ? 'NONE' : 'OWNER',
      body: comment.body,
      reactions: {
        url: `${api}/issues/comments/${comment.id}/reactions`,
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        hooray: 0,
        confused: 0,
        heart: 0,
        rocket: 0,
        eyes: 0,
      },
      performed_via_github_app: null,
    };
  }

  private async handle(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const raw = body.toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const method = req.method ?? 'GET';
    let path = url.pathname;
    if (this.prefix !== '') {
      if (!path.startsWith(`${this.prefix}/`))
        return this.send(res, this.record(req, path, url, raw), notFound());
      path = path.slice(this.prefix.length);
    }
    const recorded = this.record(req, path, url, raw);

    const faultIndex = this.faults.findIndex(
      ({ fault }) =>
        (fault.method === undefined || fault.method === method) && (fault.path?.test(path) ?? true),
    );
    const scripted = this.faults[faultIndex];
    if (scripted !== undefined) {
      scripted.left -= 1;
      if (scripted.left <= 0) this.faults.splice(faultIndex, 1);
      if (scripted.fault.answer === 'drop') {
        recorded.status = 0;
        req.socket.destroy();
        return;
      }
      return this.send(res, recorded, scripted.fault.answer);
    }

    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) {
      return this.send(res, recorded, {
        status: 401,
        body: {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        },
      });
    }
    return this.send(res, recorded, this.route(method, path, url.searchParams, raw));
  }

  private record(req: IncomingMessage, path: string, url: URL, raw: string): RecordedRequest {
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: raw === '' ? undefined : JSON.parse(raw),
      status: 0,
    };
    this.requests.push(recorded);
    return recorded;
  }

  private route(method: string, path: string, query: URLSearchParams, raw: string): ScriptedAnswer {
    const settings = this.settings.route(method, path, raw);
    if (settings !== undefined) return this.readOnly && method !== 'GET' ? resourceNotAccessible() : settings;
    let match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
    if (match !== null) {
      const repo = this.repoOf(match[1] ?? '', match[2] ?? '');
      const issueNumber = Number(match[3]);
      if (repo === undefined || !repo.issues.has(issueNumber)) return notFound();
      if (method === 'GET') return this.list(repo, issueNumber, query);
      if (method === 'POST') return this.create(repo, issueNumber, raw);
      return notFound();
    }
    match = /^\/repositories\/(\d+)\/issues\/(\d+)\/comments$/.exec(path);
    if (match !== null && method === 'GET') {
      const repo = [...this.repos.values()].find((candidate) => candidate.id === Number(match?.[1]));
      const issueNumber = Number(match[2]);
      if (repo === undefined || !repo.issues.has(issueNumber)) return notFound();
      return this.list(repo, issueNumber, query);
    }
    match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
    if (match !== null) {
      const repo = this.repoOf(match[1] ?? '', match[2] ?? '');
      const id = Number(match[3]);
      const index = this.comments.findIndex((comment) => comment.id === id);
      const comment = this.comments[index];
      if (repo === undefined || comment === undefined || !repo.issues.has(comment.issueNumber))
        return notFound();
      if (method === 'PATCH') {
        if (this.readOnly) return resourceNotAccessible('update-an-issue-comment');
        const invalid = validateBody(raw);
        if (typeof invalid !== 'string') return invalid;
        comment.body = invalid;
        this.clock += 1000;
        comment.updatedAt = new Date(this.clock).toISOString().replace('.000Z', 'Z');
        return { status: 200, body: this.commentJson(repo, comment) };
      }
      if (method === 'DELETE') {
        if (this.readOnly) return resourceNotAccessible('delete-an-issue-comment');
        this.comments.splice(index, 1);
        return { status: 204 };
      }
      if (method === 'GET') return { status: 200, body: this.commentJson(repo, comment) };
    }
    return notFound();
  }

  private list(repo: Repo, issueNumber: number, query: URLSearchParams): ScriptedAnswer {
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
    const all = this.issueComments(issueNumber);
    const pages = Math.max(Math.ceil(all.length / perPage), 1);
    const slice = all.slice((page - 1) * perPage, page * perPage);
    // GitHub's links point at /repositories/{id}/…, and keep the prefix of an Enterprise server.
    const link = (n: number) =>
      `${this.url}/repositories/${repo.id}/issues/${issueNumber}/comments?per_page=${perPage}&page=${n}`;
    const rels: string[] = [];
    if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`);
    if (page < pages) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(pages)}>; rel="last"`);
    if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
    return {
      status: 200,
      headers: rels.length > 0 ? { link: rels.join(', ') } : {},
      body: slice.map((comment) => this.commentJson(repo, comment)),
    };
  }

  private create(repo: Repo, issueNumber: number, raw: string): ScriptedAnswer {
    if (this.readOnly) return resourceNotAccessible('create-an-issue-comment');
    const body = validateBody(raw);
    if (typeof body !== 'string') return body;
    const comment = this.store(issueNumber, body, GITHUB_ACTIONS_BOT);
    const json = this.commentJson(repo, comment);
    return { status: 201, headers: { location: json.url }, body: json };
  }

  private send(res: ServerResponse, recorded: RecordedRequest, answer: ScriptedAnswer): void {
    recorded.status = answer.status;
    const headers: Record<string, string> = {
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(5000 - this.requests.length),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(this.requests.length),
      'x-ratelimit-resource': 'core',
      'x-github-request-id': `0000:${this.requests.length.toString(16).padStart(4, '0')}:FAKE`,
      ...answer.headers,
    };
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers);
      res.end();
      return;
    }
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    headers['content-type'] = answer.contentType ?? 'application/json; charset=utf-8';
    res.writeHead(answer.status, headers);
    res.end(text);
  }
}

function notFound(): ScriptedAnswer {
  return {
    status: 404,
    body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' },
  };
}

/** The body of a create/update, or GitHub's 422 for a missing or too long one (it counts characters). */
function validateBody(raw: string): string | ScriptedAnswer {
  const parsed = (raw === '' ? {} : JSON.parse(raw)) as { body?: unknown };
  const problem =
    typeof parsed.body !== 'string' || parsed.body === ''
      ? { resource: 'IssueComment', code: 'missing_field', field: 'body' }
      : [...parsed.body].length > 65_536
        ? {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)',
          }
        : undefined;
  if (problem === undefined) return parsed.body as string;
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [problem],
      documentation_url: `${DOCS}#create-an-issue-comment`,
      status: '422',
    },
  };
}
