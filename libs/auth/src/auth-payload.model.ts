import { Field, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from '#libs/common';
import { StaffModel } from '#libs/directory';

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'bearer token: send as  Authorization: Bearer <token>' }) token: string;
  @Field(() => GraphQLDateTime) expiresAt: Date;
  @Field(() => StaffModel) staff: StaffModel;
}
