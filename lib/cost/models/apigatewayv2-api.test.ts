import { describe, expect, it } from 'vitest';
import { apiGatewayV2Api } from './apigatewayv2-api.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('API Gateway v2 API', () => {
  it('bills requests for HTTP APIs (the default protocol) and SAM HttpApis', () => {
    expect(quantities(componentsOf(apiGatewayV2Api, { ProtocolType: 'HTTP' }, { httpRequests: 5 }))).toEqual({
      'apigateway.http.requests': 5,
    });
    expect(quantities(componentsOf(apiGatewayV2Api, {}, {}, 'AWS::Serverless::HttpApi'))).toEqual({
      'apigateway.http.requests': 10_000,
    });
    expect(usageRead(apiGatewayV2Api)).toEqual(['httpRequests']);
  });

  it('bills messages and connection minutes for WebSocket APIs', () => {
    const websocket = { ProtocolType: 'WEBSOCKET' };
    expect(quantities(componentsOf(apiGatewayV2Api, websocket))).toEqual({
      'apigateway.websocket.messages': 10_000,
      'apigateway.websocket.connection-minutes': 10_000,
    });
    expect(usageRead(apiGatewayV2Api, websocket)).toEqual(['connectionMinutes', 'messages']);
    expect(usageDefaults(apiGatewayV2Api)).toEqual({
      httpRequests: 10_000,
      messages: 10_000,
      connectionMinutes: 10_000,
    });
  });

  it('prices the request tiers as Infracost does: 1 billion HTTP requests = $300 + $630', () => {
    // First 300 million at $1.00 per million, the other 700 million at $0.90 (apigatewayv2_api_test.golden).
    const cost = monthlyCost(componentsOf(apiGatewayV2Api, {}, { httpRequests: 1e9 }));
    expect(cost.before).toBeCloseTo(930, 6);
    expect(cost.after).toBe(cost.before);
  });

  it('prices WebSocket tiers: 1.5 billion messages = $1,000 + $400, 10 million minutes = $2.50', () => {
    const websocket = componentsOf(
      apiGatewayV2Api,
      { ProtocolType: 'WEBSOCKET' },
      { messages: 1.5e9, connectionMinutes: 10e6 },
    );
    expect(monthlyCost(websocket).before).toBeCloseTo(1_402.5, 6);
  });
});
