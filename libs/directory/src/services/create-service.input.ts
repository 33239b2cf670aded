import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString } from 'class-validator';
import { IsFreeText, IsName, Trim, TrimToNull } from '#libs/common';
import { ServiceCapacity, ServiceCategory } from '../enums.js';

@InputType('CreateServiceInput')
export class CreateServiceInput {
  @Field(() => ID)
  organisationId: string;

  @Field()
  @Trim()
  @IsString({ message: 'Name is required.' })
  @IsName('Name')
  name: string;

  @Field(() => ServiceCategory)
  @IsEnum(ServiceCategory, { message: 'Choose one of the service categories.' })
  category: ServiceCategory;

  @Field(() => ServiceCapacity, { nullable: true, defaultValue: ServiceCapacity.OPEN })
  @IsOptional()
  @IsEnum(ServiceCapacity, { message: 'Capacity is OPEN, WAITLIST or CLOSED.' })
  capacity?: ServiceCapacity | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      "e.g. domestic abuse or sexual health: its entries are never counted in another organisation's hiddenEntries",
  })
  @IsOptional()
  @IsBoolean({ message: 'Sensitive is true or false.' })
  sensitive?: boolean | null;

  @Field(() => String, { nullable: true })
  @TrimToNull()
  @IsFreeText(200, 'Site')
  site?: string | null;

  @Field(() => String, { nullable: true })
  @TrimToNull()
  @IsFreeText(200, 'Ward')
  ward?: string | null;
}
