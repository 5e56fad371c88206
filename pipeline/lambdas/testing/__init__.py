"""Test doubles of the Lambda functions' tests: Lambda's context, AWS's sample events, CloudFormation's
response URL, handlers loaded as a cold start loads them, and readers of what a handler logged.
"""
