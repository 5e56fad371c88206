import type { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface LoggedVpcProps {
  readonly vpcName: string;
  readonly subnetConfiguration: ec2.SubnetConfiguration[];
  readonly natGateways: number;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** A two-AZ VPC whose rejected traffic is logged to a log group with the environment's retention. */
export function loggedVpc(scope: Construct, id: string, props: LoggedVpcProps): ec2.Vpc {
  // A fixed id under the owning construct (one logged VPC each) keeps deployed log groups in place.
  const flowLogs = new logs.LogGroup(scope, 'FlowLogs', {
    retention: props.logRetention,
    removalPolicy: props.removalPolicy,
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
