import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsString } from 'class-validator';
import { IsFreeText, IsName, Trim, TrimToNull } from '#libs/common';
import { OrganisationKind } from '../enums.js';

@InputType('CreateOrganisationInput')
export class CreateOrganisationInput {
  @Field()
  @Trim()
  @IsString({ message: 'Name is required.' })
  @IsName('Name')
  name: string;

  @Field(() => OrganisationKind)
  @IsEnum(OrganisationKind, { message: 'Choose one of the organisation kinds.' })
  kind: OrganisationKind;

  @Field({ description: 'Governed and based in the place it serves' })
  @IsBoolean({ message: 'Say whether the organisation is locally rooted.' })
  locallyRooted: boolean;

  @Field(() => String, { nullable: true })
  @TrimToNull()
  @IsFreeText(200, 'Ward')
  ward?: string | null;
}
