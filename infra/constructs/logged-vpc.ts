import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { removalPolicyOf } from './removal-policy.ts';

export interface LoggedVpcProps {
  /** The Name tag of the VPC. */
  readonly vpcName: string;
  /** The subnets in each of the two availability zones. */
  readonly subnetConfiguration: ec2.SubnetConfiguration[];
  /** NAT gateways (about $33 a month each); 0 where nothing private reaches the internet. */
  readonly natGateways: number;
  /** How long the flow logs of rejected traffic are kept. */
  readonly logRetention: logs.RetentionDays;
}

/** A two-AZ VPC whose rejected traffic is logged to a log group with the environment's retention. */
export function loggedVpc(scope: Construct, id: string, props: LoggedVpcProps): ec2.Vpc {
  // A fixed id under the owning construct (one logged VPC each) keeps deployed log groups in place.
  const flowLogs = new logs.LogGroup(scope, 'FlowLogs', {
    retention: props.logRetention,
    removalPolicy: removalPolicyOf(scope),
  });
  return new ec2.Vpc(scope, id, {
    vpcName: props.vpcName,
    maxAzs: 2,
    natGateways: props.natGateways,
    subnetConfiguration: props.subnetConfiguration,
    flowLogs: {
      rejected: {
        destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
        trafficType: ec2.FlowLogTrafficType.REJECT,
      },
    },
  });
}
