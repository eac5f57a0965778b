import type { IacVpcEndpoint } from '../../model/index.js';
import type { TemplateReader } from './template-reader.js';

const RUNTIME_SERVICE = /^com\.amazonaws\.([^.]+)\.bedrock-runtime$/;

/**
 * Interface endpoints for Amazon Bedrock's runtime (AWS::EC2::VPCEndpoint with ServiceName
 * com.amazonaws.<region>.bedrock-runtime, the Region possibly `${AWS::Region}`: '' then, every Region) and their
 * PolicyDocument; none is the default full-access policy. An endpoint whose ServiceName or policy only deployment
 * knows is recorded as an unknown, not an endpoint.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html
 */
export function readVpcEndpointResources(reader: TemplateReader): IacVpcEndpoint[] {
  const endpoints: IacVpcEndpoint[] = [];
  for (const resource of reader.sections.resources.values()) {
    if (resource.type !== 'AWS::EC2::VPCEndpoint' || reader.isCreated(resource) === false) continue;
    const address = reader.address(resource);
    const serviceNode = reader.property(resource, 'ServiceName');
    const service = serviceNode ? reader.resolver.text(serviceNode) : undefined;
    const match = service === undefined ? null : RUNTIME_SERVICE.exec(service);
    if (!match) {
      if (serviceNode && (service === undefined || service.includes('\uffff')))
        reader.noteExpression(serviceNode, address);
      continue;
    }
    const type = reader.knownText(reader.property(resource, 'VpcEndpointType'));
    if (type !== undefined && type !== 'Interface') continue;
    const document = reader.property(resource, 'PolicyDocument');
    const policy = document ? reader.policy(document, 'vpc-endpoint', address, address) : undefined;
    if (document && policy?.kind !== 'policy') continue;
    const region = match[1] ?? '';
    const vpcId = reader.knownText(reader.property(resource, 'VpcId'));
    const privateDns = reader.knownText(reader.property(resource, 'PrivateDnsEnabled'));
    endpoints.push({
      id: address,
      ...(vpcId !== undefined ? { vpcId } : {}),
      serviceName: region.includes('\uffff') ? 'com.amazonaws.<region>.bedrock-runtime' : (service ?? ''),
      region: region.includes('\uffff') ? '' : region,
      ...(policy?.kind === 'policy' ? { policy: policy.policy } : {}),
      privateDns: privateDns === 'true',
      address,
      declaredAt: reader.span(resource.at),
    });
  }
  return endpoints;
}
