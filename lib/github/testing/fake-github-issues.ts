import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ListeningServer, serveLocally } from '../../testing/local-http-server.ts';
import { GITHUB_ACTIONS_BOT, type RecordedRequest, type ScriptedAnswer } from './fake-github-server.ts';

export interface StoredIssue {
  readonly number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  /** Comments posted on it, in order. */
  readonly comments: string[];
  /** A pull request, which the issues list includes. */
  readonly pullRequest: boolean;
}

const DOCS = 'https://docs.github.com/rest/issues';

export class FakeGitHubIssues {
  readonly requests: RecordedRequest[] = [];
  readOnly = false;
  issuesDisabled = false;
  /** Answers given, in order, to the next requests instead of the real ones (a 502, a rate limit). */
  readonly faults: ScriptedAnswer[] = [];
  private readonly issues = new Map<string, StoredIssue[]>();
  private readonly labels = new Map<string, Set<string>>();

  private constructor(
    private readonly server: ListeningServer,
    /** REST root to give Octokit as `baseUrl`. */
    readonly url: string,
    private readonly token: string,
  ) {}

  static async start(options: { token?: string } = {}): Promise<FakeGitHubIssues> {
    let fake: FakeGitHubIssues | undefined;
    const server = await serveLocally((req, body, res) => fake?.handle(req, body, res));
    fake = new FakeGitHubIssues(server, server.url, options.token ?? 'test-token');
    return fake;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Adds issues (or pull requests) to a repository, numbered in order after the existing ones. */
  seed(
    owner: string,
    repo: string,
    items: readonly {
      title: string;
      body?: string;
      labels?: string[];
      state?: 'open' | 'closed';
      pullRequest?: boolean;
    }[],
  ): StoredIssue[] {
    return items.map((item) =>
      this.store(owner, repo, {
        title: item.title,
        body: item.body ?? '',
        comments: [],
        labels: item.labels ?? [],
        state: item.state ?? 'open',
        pullRequest: item.pullRequest ?? false,
      }),
    );
  }

  addLabel(owner: string, repo: string, name: string): void {
    this.labelsOf(owner, repo).add(name);
  }

  issuesOf(owner: string, repo: string): StoredIssue[] {
    return this.issues.get(`${owner}/${repo}`.toLowerCase()) ?? [];
  }

  labelsOf(owner: string, repo: string): Set<string> {
    const key = `${owner}/${repo}`.toLowerCase();
    let set = this.labels.get(key);
    if (set === undefined) {
      set = new Set();
      this.labels.set(key, set);
    }
    return set;
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((request) => request.method !== 'GET');
  }

  private store(owner: string, repo: string, issue: Omit<StoredIssue, 'number'>): StoredIssue {
    const key = `${owner}/${repo}`.toLowerCase();
    const list = this.issues.get(key) ?? [];
    this.issues.set(key, list);
    const stored = { ...issue, number: list.length + 1 };
    list.push(stored);
    return stored;
  }

  private issueJson(owner: string, repo: string, issue: StoredIssue) {
    const api = `https://api.github.com/repos/${owner}/${repo}`;
    return {
      url: `${api}/issues/${issue.number}`,
      html_url: `https://github.com/${owner}/${repo}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`,
      id: 3_000_000_000 + issue.number,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      labels: issue.labels.map((name, i) => ({ id: 9_000 + i, name, color: '0e8a16', default: false })),
      user: GITHUB_ACTIONS_BOT,
      ...(issue.pullRequest ? { pull_request: { url: `${api}/pulls/${issue.number}` } } : {}),
    };
  }

  private async handle(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const raw = body.toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const recorded: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: raw === '' ? undefined : JSON.parse(raw),
      status: 0,
    };
    this.requests.push(recorded);
    const auth = req.headers.authorization ?? '';
    const fault = this.faults.shift();
    const answer =
      fault !== undefined
        ? fault
        : auth === `token ${this.token}` || auth === `Bearer ${this.token}`
          ? this.route(method, url, raw)
          : { status: 401, body: { message: 'Bad credentials', status: '401' } };
    recorded.status = answer.status;
    const headers: Record<string, string> = { 'x-ratelimit-remaining': '4999', ...answer.headers };
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers);
      res.end();
      return;
    }
    headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(answer.status, headers);
    res.end(JSON.stringify(answer.body));
  }

  private route(method: string, url: URL, raw: string): ScriptedAnswer {
    const path = url.pathname;
    let match = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(path);
    if (match !== null) {
      const [owner = '', repo = ''] = match.slice(1);
      if (this.issuesDisabled) return gone();
      if (method === 'GET') return this.list(owner, repo, url.searchParams);
      if (method === 'POST') {
        if (this.readOnly) return notAccessible('create-an-issue');
        const body = JSON.parse(raw || '{}') as { title?: unknown; body?: unknown; labels?: unknown };
        if (typeof body.title !== 'string' || body.title.trim() === '') {
          return validationFailed({ resource: 'Issue', code: 'missing_field', field: 'title' });
        }
        const known = this.labelsOf(owner, repo);
        const labels = Array.isArray(body.labels) ? body.labels.map(String) : [];
        // GitHub creates missing labels for callers with push access; our callers do not rely on it.
        for (const label of labels) known.add(label);
        const issue = this.store(owner, repo, {
          title: body.title,
          body: typeof body.body === 'string' ? body.body : '',
          comments: [],
          labels,
          state: 'open',
          pullRequest: false,
        });
        return { status: 201, body: this.issueJson(owner, repo, issue) };
      }
    }
    match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)(\/comments)?$/.exec(path);
    if (match !== null) {
      const [owner = '', repo = '', number = '', comments] = match.slice(1);
      if (this.issuesDisabled) return gone();
      const issue = this.issuesOf(owner, repo).find((i) => i.number === Number(number));
      if (issue === undefined) return notFound();
      if (comments !== undefined && method === 'POST') {
        if (this.readOnly) return notAccessible('create-an-issue-comment');
        const body = JSON.parse(raw || '{}') as { body?: unknown };
        if (typeof body.body !== 'string' || body.body === '')
          return validationFailed({ resource: 'IssueComment', code: 'missing_field', field: 'body' });
        issue.comments.push(body.body);
        return { status: 201, body: { id: 7_000 + issue.comments.length, body: body.body } };
      }
      if (comments === undefined && method === 'GET')
        return { status: 200, body: this.issueJson(owner, repo, issue) };
      if (comments === undefined && method === 'PATCH') {
        if (this.readOnly) return notAccessible('update-an-issue');
        const body = JSON.parse(raw || '{}') as { title?: unknown; body?: unknown; state?: unknown };
        if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed')
          return validationFailed({ resource: 'Issue', code: 'invalid', field: 'state' });
        if (typeof body.title === 'string') issue.title = body.title;
        if (typeof body.body === 'string') issue.body = body.body;
        if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
        return { status: 200, body: this.issueJson(owner, repo, issue) };
      }
    }
    match = /^\/repos\/([^/]+)\/([^/]+)\/labels(?:\/([^/]+))?$/.exec(path);
    if (match !== null) {
      const [owner = '', repo = '', name] = match.slice(1);
      const labels = this.labelsOf(owner, repo);
      if (method === 'GET' && name !== undefined) {
        const decoded = decodeURIComponent(name);
        return labels.has(decoded)
          ? { status: 200, body: { id: 9_000, name: decoded, color: '0e8a16', default: false } }
          : notFound();
      }
      if (method === 'POST' && name === undefined) {
        if (this.readOnly) return notAccessible('create-a-label');
        const body = JSON.parse(raw || '{}') as { name?: unknown; color?: unknown };
        if (typeof body.name !== 'string') {
          return validationFailed({ resource: 'Label', code: 'missing_field', field: 'name' });
        }
        if (labels.has(body.name))
          return validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
        labels.add(body.name);
        return { status: 201, body: { id: 9_001, name: body.name, color: body.color, default: false } };
      }
    }
    return notFound();
  }

  private list(owner: string, repo: string, query: URLSearchParams): ScriptedAnswer {
    const state = query.get('state') ?? 'open';
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
    // GitHub lists newest first.
    // `labels` lists the labels an issue must all have, comma-separated.
    const labels = (query.get('labels') ?? '').split(',').filter(Boolean);
    const all = [...this.issuesOf(owner, repo)]
      .reverse()
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => labels.every((l) => issue.labels.includes(l)));
    const pages = Math.max(Math.ceil(all.length / perPage), 1);
    const filter = labels.length > 0 ? `&labels=${encodeURIComponent(labels.join(','))}` : '';
    const link = (n: number) =>
      `${this.url}/repos/${owner}/${repo}/issues?state=${state}${filter}&per_page=${perPage}&page=${n}`;
    const rels: string[] = [];
    if (page < pages) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(pages)}>; rel="last"`);
    return {
      status: 200,
      headers: rels.length > 0 ? { link: rels.join(', ') } : {},
      body: all.slice((page - 1) * perPage, page * perPage).map((i) => this.issueJson(owner, repo, i)),
    };
  }
}

function notFound(): ScriptedAnswer {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
}

function gone(): ScriptedAnswer {
  return { status: 410, body: { message: 'Issues are disabled for this repo', status: '410' } };
}

function notAccessible(anchor: string): ScriptedAnswer {
  return {
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: `${DOCS}#${anchor}`,
      status: '403',
    },
  };
}

function validationFailed(error: Record<string, string>): ScriptedAnswer {
  return { status: 422, body: { message: 'Validation Failed', errors: [error], status: '422' } };
}
