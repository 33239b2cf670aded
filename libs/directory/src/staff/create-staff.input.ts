import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString } from 'class-validator';
import { IsEmailAddress, IsName, IsPasswordLength, IsPasswordText, Role, Trim } from '#libs/common';

export const PASSWORD_MIN = 12;
/** Long passphrases are welcome; the cap only stops absurd inputs reaching the KDF. */
export const PASSWORD_MAX = 1000;

@InputType('CreateStaffInput')
export class CreateStaffInput {
  @Field()
  @Trim()
  @IsString({ message: 'Email is required.' })
  @IsEmailAddress()
  email: string;

  @Field()
  @Trim()
  @IsString({ message: 'Name is required.' })
  @IsName('Name')
  name: string;

  @Field({ description: 'at least 12 characters' })
  @IsString({ message: 'Password is required.' })
  @IsPasswordLength(PASSWORD_MIN, PASSWORD_MAX)
  @IsPasswordText()
  password: string;

  @Field(() => Role)
  @IsEnum(Role, { message: 'Choose one of the roles.' })
  role: Role;

  @Field(() => ID)
  organisationId: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100, { message: 'At most 100 services.' })
  serviceIds?: string[] | null;
}
