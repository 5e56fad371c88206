import type { GraphContext, Res } from '../graph-context.ts';
import type { EdgeKind } from '../graph-types.ts';

/**
 * Records one edge between two resources (folding maps them to nodes later). `evidence` says what justifies
 * it when the caller knows better than a search for the property that names the other end: the IAM
 * statement, or the property path an extractor read a literal location from.
 */
export type Emit = (
  from: Res,
  to: Res,
  label: string,
  kind: EdgeKind,
  evidence?: IamEvidence | string,
) => void;

/** The statement an IAM-derived edge comes from, and the principal whose statement it is. */
export interface IamEvidence {
  readonly principal: Res;
  readonly policy: Res;
  readonly statement: number;
  readonly actions: readonly string[];
}

/** Reads the edges one resource's configuration states. */
export type Extractor = (res: Res, ctx: GraphContext, emit: Emit) => void;

export const types = (...names: string[]): ReadonlySet<string> => new Set(names);

export const FUNCTIONS = types('AWS::Lambda::Function', 'AWS::Serverless::Function');
export const STREAMS = types('AWS::Kinesis::Stream');
export const QUEUES = types('AWS::SQS::Queue');
export const TOPICS = types('AWS::SNS::Topic');
export const LOG_GROUPS = types('AWS::Logs::LogGroup');
export const TABLES = types('AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable');
export const GLUE_JOBS = types('AWS::Glue::Job');
export const GLUE_CRAWLERS = types('AWS::Glue::Crawler');
export const GLUE_DATABASES = types('AWS::Glue::Database');
export const GLUE_CONNECTIONS = types('AWS::Glue::Connection');
export const STATE_MACHINES = types('AWS::StepFunctions::StateMachine');
export const WORKGROUPS = types('AWS::Athena::WorkGroup');
