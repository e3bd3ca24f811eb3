// Column definitions every workload printer repeats (k/k printers.go AddHandlers). The
// descriptions are the API's field docs (SwaggerDoc), as the printers take them.
import { column, OBJECT_META_CREATION_TIMESTAMP, OBJECT_META_NAME, type TableColumnDefinition } from '../table.js';

export const NAME_COLUMN: TableColumnDefinition = column('Name', 'string', OBJECT_META_NAME, 0, 'name');
export const AGE_COLUMN: TableColumnDefinition = column('Age', 'string', OBJECT_META_CREATION_TIMESTAMP);
export const CONTAINERS_COLUMN: TableColumnDefinition = column('Containers', 'string', 'Names of each container in the template.', 1);
export const IMAGES_COLUMN: TableColumnDefinition = column('Images', 'string', 'Images referenced by each container in the template.', 1);
