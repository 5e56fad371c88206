import { forwardRequest, sendForwarded, serveLocally } from '../../testing/local-http-server.ts';

export interface ProxiedRequest {
  /**
   * CloudFormation's Action (`DescribeStackEvents`), the operation of a JSON-protocol call (`DescribeLogGroups`
   * of `Logs_20140328.DescribeLogGroups`), or `''` for a REST call (S3: tell them apart by method and path).
   */
  readonly action: string;
  readonly method: string;
  /** The URL's path and query: `/launchpad-test-raw?versions`. */
  readonly path: string;
  readonly params: URLSearchParams;
  readonly userAgent: string;
  status: number;
  /** The fault that answered it, if one did. */
  faulted?: CloudFormationFault['answer'];
}

export interface ScriptedEvent {
  readonly logicalId: string;
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  /** Seconds before the moment of the answer. */
  readonly secondsAgo: number;
}

/** A request the CDK toolkit made itself (its user agent names the toolkit library). */
export const fromToolkit = (request: Pick<ProxiedRequest, 'userAgent'>): boolean =>
  request.userAgent.includes('toolkit-lib');

/** A request our own code made (a reader, a check), not the CDK toolkit. */
export const fromOurCode = (request: Pick<ProxiedRequest, 'userAgent'>): boolean => !fromToolkit(request);

export interface CloudFormationFault {
  readonly action: string;
  /** `slow`: the usual answer, but only after 2 s (a client with a shorter timeout gives up first). */
  readonly answer: 'throttling' | 'unavailable' | 'slow';
  /** Only requests this accepts (e.g. not the toolkit's own). Default: all. */
  readonly match?: (request: ProxiedRequest) => boolean;
}

export interface CloudFormationProxy {
  /** `http://localhost:<port>` (moto reads TemplateURLs on localhost as path-style). */
  readonly endpoint: string;
  readonly requests: ProxiedRequest[];
  /** Makes this stack's creation end in ROLLBACK_COMPLETE with these events (newest first). */
  failStack(stackName: string, events: readonly ScriptedEvent[]): void;
  addFault(fault: CloudFormationFault): void;
  /**
   * Gives this stack termination protection, which moto does not have: DeleteStack is refused as
   * CloudFormation refuses it until UpdateTerminationProtection lifts it.
   */
  protectStack(stackName: string): void;
  close(): Promise<void>;
}

const XMLNS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

export async function startCloudFormationProxy(upstream: string): Promise<CloudFormationProxy> {
  const failing = new Map<string, readonly ScriptedEvent[]>();
  const faults: CloudFormationFault[] = [];
  const protectedStacks = new Set<string>();
  const requests: ProxiedRequest[] = [];

  const listening = await serveLocally(async (req, body, res) => {
    const form = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const params = new URLSearchParams(form ? body.toString('utf8') : '');
    const target = String(req.headers['x-amz-target'] ?? '');
    const recorded: ProxiedRequest = {
      action: form ? (params.get('Action') ?? '') : target.slice(target.indexOf('.') + 1),
      method: req.method ?? '',
      path: req.url ?? '',
      params,
      userAgent: String(req.headers['user-agent'] ?? ''),
      status: 0,
    };
    requests.push(recorded);
    const send = (status: number, text: string) => {
      recorded.status = status;
      res.writeHead(status, { 'content-type': 'text/xml' });
      res.end(text);
    };

    const fault = faults.find((f) => f.action === recorded.action && (f.match?.(recorded) ?? true));
    if (fault) {
      faults.splice(faults.indexOf(fault), 1);
      recorded.faulted = fault.answer;
    }
    if (fault?.answer === 'slow') {
      // A client that stops waiting closes the connection: such a request is recorded with status -1.
      res.on('close', () => {
        if (!res.writableFinished) recorded.status = -1;
      });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      if (res.destroyed) return;
    } else if (fault) {
      const [status, code, message] =
        fault.answer === 'throttling'
          ? [400, target ? 'ThrottlingException' : 'Throttling', 'Rate exceeded']
          : [503, target ? 'ServiceUnavailableException' : 'ServiceUnavailable', 'Service is unavailable'];
      if (!target) return send(status, errorXml(code, message));
      // The JSON protocol's error shape (CloudWatch Logs and the other JSON services).
      recorded.status = status;
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      return void res.end(JSON.stringify({ __type: code, message }));
    }
    const named = params.get('StackName') ?? '';
    if (recorded.action === 'UpdateTerminationProtection') {
      if (params.get('EnableTerminationProtection') === 'true') protectedStacks.add(named);
      else protectedStacks.delete(named);
      return send(200, terminationProtectionXml(named));
    }
    if (recorded.action === 'DeleteStack' && protectedStacks.has(named)) {
      return send(
        400,
        errorXml(
          'ValidationError',
          `Stack [${named}] cannot be deleted while TerminationProtection is enabled`,
        ),
      );
    }
    const stack = failingStackOf(params, failing);
    if (recorded.action === 'DescribeStackEvents' && stack) {
      return send(200, eventsXml(stack, failing.get(stack) ?? []));
    }
    const answer = await forwardRequest(upstream, req, body);
    recorded.status = answer.status;
    if (recorded.action === 'DescribeStacks' && stack) {
      const text = answer.body
        .toString('utf8')
        .replace(/<StackStatus>[A-Z_]+<\/StackStatus>/, '<StackStatus>ROLLBACK_COMPLETE</StackStatus>');
      return sendForwarded(res, { ...answer, body: Buffer.from(text) });
    }
    sendForwarded(res, answer);
  }, 'localhost');
  return {
    endpoint: listening.url,
    requests,
    failStack: (name, events) => failing.set(name, events),
    addFault: (fault) => faults.push(fault),
    protectStack: (name) => protectedStacks.add(name),
    close: listening.close,
  };
}

/** The failing stack a request names (by name or by ARN), if any. */
function failingStackOf(params: URLSearchParams, failing: Map<string, unknown>): string | undefined {
  const named = params.get('StackName') ?? '';
  return [...failing.keys()].find((name) => named === name || named.includes(`:stack/${name}/`));
}

const xmlEscape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** CloudFormation's error shape; S3's SDK reads the same Code and Message from it. */
function errorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>proxy</RequestId></ErrorResponse>`;
}

function terminationProtectionXml(stackName: string): string {
  const stackId = `arn:aws:cloudformation:us-east-1:123456789012:stack/${stackName}/proxy`;
  return `<UpdateTerminationProtectionResponse xmlns="${XMLNS}"><UpdateTerminationProtectionResult><StackId>${stackId}</StackId></UpdateTerminationProtectionResult><ResponseMetadata><RequestId>proxy</RequestId></ResponseMetadata></UpdateTerminationProtectionResponse>`;
}

function eventsXml(stackName: string, events: readonly ScriptedEvent[]): string {
  const now = Date.now();
  const stackId = `arn:aws:cloudformation:us-east-1:123456789012:stack/${stackName}/proxy`;
  const members = events
    .map(
      (e, i) =>
        `<member><EventId>event-${i}</EventId><StackId>${stackId}</StackId><StackName>${stackName}</StackName>` +
        `<LogicalResourceId>${e.logicalId}</LogicalResourceId><ResourceType>${e.type}</ResourceType>` +
        `<Timestamp>${new Date(now - e.secondsAgo * 1000).toISOString()}</Timestamp>` +
        `<ResourceStatus>${e.status}</ResourceStatus>` +
        (e.reason ? `<ResourceStatusReason>${xmlEscape(e.reason)}</ResourceStatusReason>` : '') +
        '</member>',
    )
    .join('');
  return `<DescribeStackEventsResponse xmlns="${XMLNS}"><DescribeStackEventsResult><StackEvents>${members}</StackEvents></DescribeStackEventsResult><ResponseMetadata><RequestId>proxy</RequestId></ResponseMetadata></DescribeStackEventsResponse>`;
}
