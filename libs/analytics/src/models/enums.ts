import { registerEnumType } from '@nestjs/graphql';

export enum FunnelDimension {
  ROUTE = 'ROUTE',
  CATEGORY = 'CATEGORY',
  WARD = 'WARD',
  AGE_BAND = 'AGE_BAND',
  GENDER = 'GENDER',
  ETHNICITY = 'ETHNICITY',
  LANGUAGE = 'LANGUAGE',
}

registerEnumType(FunnelDimension, { name: 'FunnelDimension' });
