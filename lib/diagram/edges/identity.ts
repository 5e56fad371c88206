/** IAM users' group memberships (`member of`, dotted): the user's `Groups`, or a `UserToGroupAddition`. */
import { type Extractor, types } from './extractor.ts';

const GROUPS = types('AWS::IAM::Group');
const USERS = types('AWS::IAM::User');

export const userEdges: Extractor = (res, ctx, emit) => {
  for (const group of ctx.namedEach(res, res.properties.Groups ?? [], GROUPS)) {
    emit(res, group, 'member of', 'reference');
  }
};

export const groupAdditionEdges: Extractor = (res, ctx, emit) => {
  const groups = ctx.named(res, res.properties.GroupName, GROUPS);
  for (const user of ctx.namedEach(res, res.properties.Users ?? [], USERS)) {
    for (const group of groups) emit(user, group, 'member of', 'reference');
  }
};
