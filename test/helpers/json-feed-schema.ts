/** The parts of JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) a reader relies on, as a JSON Schema. */
export const jsonFeedSchema = {
  type: 'object',
  required: ['version', 'title', 'items'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string' },
    home_page_url: { type: 'string', format: 'uri' },
    feed_url: { type: 'string', format: 'uri' },
    description: { type: 'string' },
    language: { type: 'string' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
        properties: {
          id: { type: 'string', minLength: 1 },
          url: { type: 'string', format: 'uri' },
          external_url: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          content_text: { type: 'string' },
          content_html: { type: 'string' },
          date_published: { type: 'string', format: 'date-time' },
          authors: {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: true },
          },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;
