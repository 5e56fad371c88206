import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { acknowledgeCheckov } from '../nag/acknowledge-checkov.ts';
import { DataLakeKey } from './data-lake-key.ts';

/** Services that publish alerts: alarms, EventBridge rules and the state machine (through its role). */
const PUBLISHERS = ['cloudwatch.amazonaws.com', 'events.amazonaws.com'];

export interface AlertsTopicProps {
  /** Physical name, `${project}-${environment}-<purpose>`. */
  readonly topicName: string;
  /** Address subscribed to the topic: the config's alarm e-mail (AWS asks it to confirm). */
  readonly email: string;
  /** Encrypt with a key of its own (CloudWatch cannot publish to a topic under the AWS-managed SNS key). */
  readonly encrypt: boolean;
}

/** The environment's one alert channel: an SNS topic, TLS-only, with the alarm e-mail from config subscribed. */
export class AlertsTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlertsTopicProps) {
    super(scope, id);
    const key = props.encrypt ? this.topicKey(props) : undefined;
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: `Alerts of ${props.topicName}`,
      enforceSSL: true,
      masterKey: key,
    });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    // Only for this account's alarms and rules: a service principal alone would let another account's
    // alarm or rule publish here (the confused deputy).
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlertPublishersOfThisAccount',
        principals: PUBLISHERS.map((service) => new iam.ServicePrincipal(service)),
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    if (!key) {
      Validations.of(this.topic).acknowledge({
        id: 'AwsSolutions-SNS2',
        reason:
          'Alerts carry alarm names and states, no data. CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key; with encryption "kms" the topic gets a key of its own ($1 a month).',
      });
      acknowledgeCheckov(
        this.topic,
        'CKV_AWS_26',
        'Alerts carry alarm names, states and failure causes, no data. CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key; with encryption "kms" the topic gets a key of its own ($1 a month).',
      );
    }
  }

  private topicKey(props: AlertsTopicProps): DataLakeKey {
    const key = new DataLakeKey(this, 'Key', {
      alias: `alias/${props.topicName}`,
      description: `Encrypts the messages of ${props.topicName}`,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlertPublishersEncrypt',
        principals: PUBLISHERS.map((service) => new iam.ServicePrincipal(service)),
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    return key;
  }
}
